use clap::{Parser, Subcommand};
use madoguchi::{BuildError, BuildOptions, BuildReport};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

// Building a site allocates many small strings and maps on every core; mimalloc's
// per-thread heaps make that markedly faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "madoguchi",
    version,
    about = "Builds the bilingual directory of a child developmental-support network"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate the content and build the site into the output folder.
    Build {
        /// The site root (holds site.yaml, content/ and themes/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder: new, empty, or an earlier build's (it holds `.madoguchi-output`);
        /// replaced only when the whole build succeeds.
        #[arg(long, default_value = "public")]
        out: PathBuf,
        /// Published address of the site, e.g. https://example.jp/kodomo/hattatsu/
        #[arg(long)]
        base_url: Option<String>,
        /// Also print the handouts to PDF (needs Chromium; see MADOGUCHI_CHROMIUM).
        #[arg(long)]
        pdf: bool,
    },
    /// Validate the content, the rendered links, and how fresh the records are; writes nothing.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// `human` (default) or `json` (an array of diagnostics, for scripts).
        #[arg(long, default_value = "human", value_parser = ["human", "json"])]
        format: String,
        /// Date to judge staleness against (YYYY-MM-DD); defaults to today in Japan.
        #[arg(long)]
        today: Option<String>,
        /// List each missing translation of this language (a code from site.yaml, e.g.
        /// `vi`; `all` for every language; may be repeated). Without it each language
        /// gets one summary: its coverage, its draft status and the files missing most.
        #[arg(long, value_name = "CODE")]
        missing: Vec<String>,
    },
    /// Write a commented skeleton for a new record: agency, program, network or stage.
    New {
        #[arg(value_parser = ["agency", "program", "network", "stage"])]
        kind: String,
        /// The record's id: lowercase a-z, 0-9 and `-`; becomes the file name.
        id: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Deletes an old output folder a build set aside (run detached by `build`).
    #[command(hide = true)]
    RemoveOldOutput { path: PathBuf },
    /// Preview the site on 127.0.0.1, rebuilding and reloading pages on every edit.
    Serve {
        /// 0 picks a free port.
        #[arg(long, default_value_t = 8000)]
        port: u16,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

/// Hands `old` to a detached `madoguchi remove-old-output`, so the build returns as soon
/// as the new site is in place.
fn remove_in_background(old: &Path) -> bool {
    use std::process::{Command, Stdio};
    let Ok(exe) = std::env::current_exe() else {
        return false;
    };
    let mut cmd = Command::new(exe);
    cmd.arg("remove-old-output")
        .arg(old)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    // Its own process group: a Ctrl-C meant for the next command does not stop it.
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
    cmd.spawn().is_ok()
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::RemoveOldOutput { path } => remove_old_output(&path),
        Command::Build {
            root,
            out,
            base_url,
            pdf,
        } => build(root, out, base_url, pdf),
        Command::Check {
            root,
            format,
            today,
            missing,
        } => check(&root, &format, today.as_deref(), &missing),
        Command::New { kind, id, root } => new(&root, &kind, &id),
        Command::Serve { port, root } => serve(&root, port),
    }
}

/// `madoguchi remove-old-output`: deletes a folder only if a build set it aside.
fn remove_old_output(path: &Path) -> ExitCode {
    if !madoguchi::output::is_old_output(path) {
        eprintln!(
            "refusing to delete `{}`: not an old output folder",
            path.display()
        );
        return ExitCode::FAILURE;
    }
    let _ = std::fs::remove_dir_all(path);
    ExitCode::SUCCESS
}

/// `madoguchi build`: a relative `--out` is inside `--root`.
fn build(root: PathBuf, out: PathBuf, base_url: Option<String>, pdf: bool) -> ExitCode {
    let out =
        if out.is_relative() && !root.as_os_str().is_empty() && root.as_path() != Path::new(".") {
            root.join(&out)
        } else {
            out
        };
    madoguchi::progress::enable();
    madoguchi::output::set_background_remover(remove_in_background);
    let options = BuildOptions {
        root,
        out: out.clone(),
        base_url,
        pdf,
    };
    match madoguchi::build(&options) {
        Ok(report) => {
            print_built(&report, &out);
            ExitCode::SUCCESS
        }
        Err(BuildError::Content(d)) => {
            for e in d.errors() {
                eprintln!("{e}");
            }
            eprintln!(
                "build failed: {} error(s); the previous output was left as it was",
                d.errors().count()
            );
            ExitCode::FAILURE
        }
        Err(BuildError::Other(e)) => {
            eprintln!("error: {e}");
            eprintln!("build failed; the previous output was left as it was");
            ExitCode::FAILURE
        }
    }
}

/// What a successful build says: its notes, how many warnings, what it wrote where.
fn print_built(report: &BuildReport, out: &Path) {
    for note in &report.notes {
        eprintln!("warning: {note}");
    }
    let n = report.warnings.warnings().count();
    if n > 0 {
        eprintln!("{n} warning(s); run `madoguchi check` to list them");
    }
    eprintln!(
        "built {} pages ({} files, {} bytes) into {}",
        report.pages,
        report.files,
        report.bytes,
        out.display()
    );
}

/// `madoguchi check`: exit 1 on errors, 2 on a bad `--today`.
fn check(root: &Path, format: &str, today: Option<&str>, missing: &[String]) -> ExitCode {
    let today = match today.map(madoguchi::check::parse_today) {
        None => madoguchi::freshness::today(),
        Some(Ok(d)) => d,
        Some(Err(e)) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let diags = madoguchi::check::run(root, today, missing);
    let (e, w) = (diags.errors().count(), diags.warnings().count());
    if format == "json" {
        println!("{}", madoguchi::check::to_json(&diags));
    } else {
        for d in &diags.items {
            eprintln!("{d}");
        }
        eprintln!("{e} error(s), {w} warning(s)");
    }
    if e > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// `madoguchi new`: writes the skeleton and says what to do next.
fn new(root: &Path, kind: &str, id: &str) -> ExitCode {
    match madoguchi::scaffold::new_record(root, kind, id) {
        Ok(path) => {
            eprintln!(
                "wrote {}; fill in every ★要記入, then run `madoguchi check`",
                path.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `madoguchi serve`: returns only when the server could not start.
fn serve(root: &Path, port: u16) -> ExitCode {
    match madoguchi::serve::run(root, port) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

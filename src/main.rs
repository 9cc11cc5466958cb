use clap::{Parser, Subcommand};
use madoguchi::{BuildError, BuildOptions};
use std::path::PathBuf;
use std::process::ExitCode;

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
        /// Output folder; replaced only when the whole build succeeds.
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
    /// Preview the site on 127.0.0.1, rebuilding and reloading pages on every edit.
    Serve {
        /// 0 picks a free port.
        #[arg(long, default_value_t = 8000)]
        port: u16,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            out,
            base_url,
            pdf,
        } => {
            let out = if out.is_relative()
                && !root.as_os_str().is_empty()
                && root.as_path() != std::path::Path::new(".")
            {
                root.join(&out)
            } else {
                out
            };
            madoguchi::check::enable_progress();
            match madoguchi::build(&BuildOptions {
                root,
                out: out.clone(),
                base_url,
                pdf,
            }) {
                Ok(report) => {
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
                Err(BuildError::Other(m)) => {
                    eprintln!("error: {m}");
                    eprintln!("build failed; the previous output was left as it was");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Check {
            root,
            format,
            today,
        } => {
            let today = match today.as_deref().map(madoguchi::check::parse_today) {
                None => madoguchi::freshness::today(),
                Some(Ok(d)) => d,
                Some(Err(m)) => {
                    eprintln!("error: {m}");
                    return ExitCode::from(2);
                }
            };
            let diags = madoguchi::check::run(&root, today);
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
        Command::New { kind, id, root } => match madoguchi::scaffold::new_record(&root, &kind, &id)
        {
            Ok(path) => {
                eprintln!(
                    "wrote {}; fill in every ★要記入, then run `madoguchi check`",
                    path.display()
                );
                ExitCode::SUCCESS
            }
            Err(m) => {
                eprintln!("error: {m}");
                ExitCode::FAILURE
            }
        },
        Command::Serve { port, root } => match madoguchi::serve::run(&root, port) {
            Ok(()) => ExitCode::SUCCESS,
            Err(m) => {
                eprintln!("error: {m}");
                ExitCode::FAILURE
            }
        },
    }
}

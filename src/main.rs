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
        /// Published address of the site, e.g. https://www.city.kumamoto.jp/kodomo/hattatsu/
        #[arg(long)]
        base_url: Option<String>,
    },
    /// Validate the content only; writes nothing.
    Check {
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
        } => {
            let out = if out.is_relative()
                && !root.as_os_str().is_empty()
                && root.as_path() != std::path::Path::new(".")
            {
                root.join(&out)
            } else {
                out
            };
            match madoguchi::build(&BuildOptions {
                root,
                out: out.clone(),
                base_url,
            }) {
                Ok(report) => {
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
        Command::Check { root } => {
            let (_, diags) = madoguchi::check(&root);
            for d in &diags.items {
                eprintln!("{d}");
            }
            let (e, w) = (diags.errors().count(), diags.warnings().count());
            eprintln!("{e} error(s), {w} warning(s)");
            if e > 0 {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
    }
}

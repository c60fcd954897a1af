use clap::{CommandFactory, Parser};
use std::process::ExitCode;

mod cli;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    let result = match &args.command {
        Some(command) => cli::run(&args, command),
        None => {
            // The terminal UI arrives with its own issue; until then, show what there is.
            let _ = cli::Cli::command().print_help();
            Ok(0)
        }
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!(
                "error: {}",
                dossier::text::sanitize_multiline(&format!("{e:#}"))
            );
            ExitCode::from(1)
        }
    }
}

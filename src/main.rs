use clap::Parser;
use std::io::IsTerminal;
use std::process::ExitCode;

mod cli;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    let result = match &args.command {
        Some(command) => cli::run(&args, command),
        None => open_ui(&args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        // A closed pipe (`dossier export x | head`) is the reader's choice, not an error.
        Err(e)
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!(
                "error: {}",
                dossier::text::sanitize_multiline(&format!("{e:#}"))
            );
            ExitCode::from(1)
        }
    }
}

/// `dossier` with no subcommand: the terminal UI, on a terminal.
fn open_ui(args: &cli::Cli) -> anyhow::Result<u8> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        anyhow::bail!(
            "the notebook UI needs a terminal; run `dossier --help` for the commands that work without one"
        );
    }
    let lib = cli::open(args)?;
    dossier::tui::run(lib)
}

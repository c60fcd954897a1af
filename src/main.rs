use clap::Parser;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

mod cli;

fn main() -> ExitCode {
    let args = match cli::Cli::try_parse() {
        Ok(args) => args,
        // clap's messages quote the arguments given: they go out through the gate too.
        Err(e) => {
            let text = e.render().to_string();
            if e.use_stderr() {
                let _ = cli::output::stderr().write_all(text.as_bytes());
            } else {
                let _ = cli::output::stdout().write_all(text.as_bytes());
            }
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
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
            cli::output::warn(format_args!("error: {e:#}"));
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

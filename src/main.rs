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
        Err(mut e) => {
            if let (Some(err), Ok(dir)) = (e.downcast_mut::<dossier::Error>(), cli::data_dir(&args))
            {
                err.locate_database(&dir.join(dossier::library::DB_FILE));
            }
            cli::output::warn(format_args!("error: {}", message(&e)));
            ExitCode::from(1)
        }
    }
}

/// The error and its causes, each said once: a cause whose text the message already
/// holds (an OS error a message quotes, then lists as its source) is left out.
fn message(e: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in e.chain() {
        let part = cause.to_string();
        if part.is_empty() || text.contains(&part) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&part);
    }
    text
}

/// `dossier` with no subcommand: the terminal UI, on a terminal.
fn open_ui(args: &cli::Cli) -> anyhow::Result<u8> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        anyhow::bail!(
            "the notebook UI needs a terminal; run `dossier --help` for the commands that work without one"
        );
    }
    // The first frame waits for the database only; the UI's worker then opens the index
    // (an index to rebuild is rebuilt here first, with its progress shown).
    let lib = cli::open_reading(args)?;
    dossier::tui::run(lib)
}

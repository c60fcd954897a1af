//! Fault suite, signals (issue 18, item 7), in a real terminal: SIGQUIT, SIGUSR1, SIGUSR2
//! and SIGALRM restore the terminal and exit with 128 plus the signal, as SIGTERM does;
//! Ctrl-Z and SIGTSTP suspend properly: the terminal is given back and the process
//! stops; continued, it takes the terminal again (raw mode: keys arrive without Enter)
//! and redraws.

#[path = "common/pty.rs"]
mod pty;

use pty::Pty;
use std::time::{Duration, Instant};

#[test]
fn quit_usr1_usr2_and_alrm_restore_the_terminal() {
    for (signal, number) in [("QUIT", 3), ("USR1", 10), ("USR2", 12), ("ALRM", 14)] {
        let tmp = tempfile::tempdir().unwrap();
        let mut pty = Pty::spawn(tmp.path());
        pty.wait_for("Comparisons (4)");
        pty.signal(signal);
        assert_eq!(pty.wait_exit(), 128 + number, "SIG{signal}");
        pty.assert_restored();
    }
}

/// The process's state letter from /proc: `T` when stopped.
fn state(pid: u32) -> char {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // The state follows the command name, which is in parentheses.
    let after = &stat[stat.rfind(')').unwrap() + 2..];
    after.chars().next().unwrap()
}

fn wait_for_state(pid: u32, want: char) {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(30) {
        if state(pid) == want {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!(
        "process {pid} never reached state {want} (it is {})",
        state(pid)
    );
}

#[test]
fn ctrl_z_and_sigtstp_suspend_and_sigcont_resumes_in_raw_mode() {
    for how in ["ctrl-z", "TSTP"] {
        let tmp = tempfile::tempdir().unwrap();
        let mut pty = Pty::spawn(tmp.path());
        let pid = pty.child.process_id().unwrap();
        pty.wait_for("Comparisons (4)");
        if how == "ctrl-z" {
            pty.send("\x1a");
        } else {
            pty.signal("TSTP");
        }
        wait_for_state(pid, 'T');
        std::thread::sleep(Duration::from_millis(200));
        let before = pty.raw().len();
        pty.assert_restored();

        pty.signal("CONT");
        // Back: the alternate screen again, and the whole screen redrawn.
        let started = Instant::now();
        while !pty.screen().screen().alternate_screen() {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "{how}: never resumed"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        pty.wait_for("Comparisons (4)");
        assert!(pty.raw().len() > before, "{how}: redrawn");
        // Raw mode: keys arrive without Enter (the terminal's own echo would show the
        // typed words, but only dossier shows their results).
        pty.send("/");
        pty.send("speaker:meryem re-embedding");
        pty.wait_for("1 result ");
        pty.send("\x1b");
        pty.signal("TERM");
        assert_eq!(pty.wait_exit(), 128 + 15, "{how}");
        pty.assert_restored();
    }
}

//! The mouse end to end (issue 16): the real binary in a pseudo-terminal, mouse reports
//! as a terminal sends them (SGR, 1-based cells). The wheel over the page pane scrolls the
//! page while the list keeps the focus and its selection; a click on a comparison in the
//! list opens it. Timeouts only guard against hangs.

#[path = "common/pty.rs"]
mod pty;

use pty::Pty;

#[test]
fn the_wheel_and_clicks_act_where_the_pointer_is() {
    let tmp = tempfile::tempdir().unwrap();
    let mut pty = Pty::spawn(tmp.path());
    pty.wait_for("Comparisons (4)");
    pty.wait_for(" top ");
    let selected = |pty: &Pty| {
        pty.screen()
            .screen()
            .contents()
            .lines()
            .find_map(|l| {
                l.split('▌')
                    .nth(1)
                    .map(|s| s.split('│').next().unwrap_or("").trim().to_string())
            })
            .unwrap_or_default()
    };
    let first = selected(&pty);
    assert!(first.starts_with("RAG vs fine-tuning"), "{first}");
    // The wheel over the page pane (the list has the focus): the page scrolls.
    pty.send("\x1b[<65;70;15M");
    pty.wait_for("% ┘");
    assert_eq!(selected(&pty), first, "the list kept its selection");
    // A click on the second comparison in the list (its rows are 5 to 7).
    pty.send("\x1b[<0;5;5M\x1b[<0;5;5m");
    pty.wait_for("▌Graph RAG vs vector RAG");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
}

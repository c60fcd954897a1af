//! What may reach a terminal: checks over the raw bytes a program wrote.

/// Everything in `raw` (bytes a program wrote to a terminal) that would act on the
/// terminal beyond drawing: any string command (OSC, DCS, APC, PM, SOS), any escape or CSI
/// sequence outside those a ratatui screen is drawn with, a C0 control other than CR and
/// LF, a C1 control, a bidi override or a line separator.
pub fn terminal_problems(raw: &[u8]) -> Vec<String> {
    // The CSI sequences crossterm draws with, by final byte (and `?` for private modes):
    // cursor moves, colours and styles, erasing a line, modes such as the alternate screen,
    // mouse capture and cursor visibility.
    const DRAWING: &[&str] = &["H", "m", "K", "?h", "?l", "A", "B", "C", "D", "G", "J"];
    let mut problems = Vec::new();
    let mut text = Vec::new();
    let mut i = 0;
    while i < raw.len() {
        let b = raw[i];
        if b == 0x1b {
            match raw.get(i + 1) {
                Some(b'[') => {
                    let start = i;
                    let mut j = i + 2;
                    let private = raw.get(j) == Some(&b'?');
                    while j < raw.len() && (0x20..=0x3f).contains(&raw[j]) {
                        j += 1;
                    }
                    let Some(&fin) = raw.get(j) else { break };
                    let kind = format!("{}{}", if private { "?" } else { "" }, fin as char);
                    let seq = String::from_utf8_lossy(&raw[start..=j.min(raw.len() - 1)]);
                    // Erasing the screen belongs to the corpus payloads, never to drawing.
                    if !DRAWING.contains(&kind.as_str()) || seq.contains("[2J") {
                        problems.push(format!("CSI sequence {seq:?}"));
                    }
                    i = j + 1;
                }
                Some(&next) => {
                    problems.push(format!("escape sequence ESC {:?}", next as char));
                    i += 2;
                }
                None => {
                    problems.push("a lone ESC".into());
                    i += 1;
                }
            }
            continue;
        }
        if b < 0x20 && b != b'\r' && b != b'\n' || b == 0x7f {
            problems.push(format!("C0 control 0x{b:02x}"));
        } else {
            text.push(b);
        }
        i += 1;
    }
    let text = match String::from_utf8(text) {
        Ok(text) => text,
        Err(e) => {
            problems.push(format!(
                "invalid UTF-8 at byte {}",
                e.utf8_error().valid_up_to()
            ));
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    };
    for c in text.chars() {
        let dangerous = matches!(c, '\u{80}'..='\u{9f}')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
            || matches!(
                c,
                '\u{200E}' | '\u{200F}' | '\u{61C}' | '\u{2028}' | '\u{2029}'
            )
            || (is_format(c) && !matches!(c, '\u{200C}' | '\u{200D}'))
            || (c as u32) & 0xFFFE == 0xFFFE
            || matches!(c, '\u{FDD0}'..='\u{FDEF}');
        if dangerous {
            problems.push(format!("character U+{:04X}", c as u32));
        }
    }
    problems.sort();
    problems.dedup();
    problems
}

/// Unicode general category Cf (format characters), Unicode 15.1, written out here apart
/// from the code under test. The joiners U+200C/U+200D are Cf too; emoji need them, so
/// they are the only ones allowed through.
pub fn is_format(c: char) -> bool {
    matches!(
        c as u32,
        0xAD | 0x600..=0x605
            | 0x61C
            | 0x6DD
            | 0x70F
            | 0x890..=0x891
            | 0x8E2
            | 0x180E
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x2064
            | 0x2066..=0x206F
            | 0xFEFF
            | 0xFFF9..=0xFFFB
            | 0x110BD
            | 0x110CD
            | 0x13430..=0x1343F
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0001
            | 0xE0020..=0xE007F
    )
}

/// Like [`terminal_problems`] for output that is not drawn on a terminal (a command's
/// stdout and stderr): no escape at all, no control but LF.
pub fn output_problems(raw: &[u8]) -> Vec<String> {
    let mut problems = terminal_problems(raw);
    if raw.contains(&0x1b) {
        problems.push("an escape character".into());
    }
    if raw.contains(&b'\r') {
        problems.push("a carriage return".into());
    }
    problems
}

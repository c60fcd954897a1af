//! A small multi-line text editor for notes: the text, a cursor, and the edits a note
//! needs. Pure state; the view lays it out.

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Editor {
    lines: Vec<String>,
    /// Cursor line, and character (not byte) index within it.
    row: usize,
    col: usize,
}

fn byte_at(line: &str, col: usize) -> usize {
    line.char_indices().nth(col).map_or(line.len(), |(i, _)| i)
}

impl Editor {
    /// An editor holding `text`, the cursor at its end.
    pub fn new(text: &str) -> Editor {
        let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        let row = lines.len() - 1;
        let col = lines[row].chars().count();
        Editor { lines, row, col }
    }

    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    pub fn insert(&mut self, c: char) {
        if c == '\n' {
            return self.newline();
        }
        let line = &mut self.lines[self.row];
        line.insert(byte_at(line, self.col), c);
        self.col += 1;
    }

    pub fn newline(&mut self) {
        let line = &mut self.lines[self.row];
        let rest = line.split_off(byte_at(line, self.col));
        self.lines.insert(self.row + 1, rest);
        self.row += 1;
        self.col = 0;
    }

    pub fn backspace(&mut self) {
        if self.col > 0 {
            let line = &mut self.lines[self.row];
            let at = byte_at(line, self.col - 1);
            line.remove(at);
            self.col -= 1;
        } else if self.row > 0 {
            let line = self.lines.remove(self.row);
            self.row -= 1;
            self.col = self.lines[self.row].chars().count();
            self.lines[self.row].push_str(&line);
        }
    }

    pub fn delete(&mut self) {
        let len = self.lines[self.row].chars().count();
        if self.col < len {
            let line = &mut self.lines[self.row];
            let at = byte_at(line, self.col);
            line.remove(at);
        } else if self.row + 1 < self.lines.len() {
            let next = self.lines.remove(self.row + 1);
            self.lines[self.row].push_str(&next);
        }
    }

    fn line_len(&self) -> usize {
        self.lines[self.row].chars().count()
    }

    pub fn left(&mut self) {
        if self.col > 0 {
            self.col -= 1;
        } else if self.row > 0 {
            self.row -= 1;
            self.col = self.line_len();
        }
    }

    pub fn right(&mut self) {
        if self.col < self.line_len() {
            self.col += 1;
        } else if self.row + 1 < self.lines.len() {
            self.row += 1;
            self.col = 0;
        }
    }

    pub fn up(&mut self) {
        if self.row > 0 {
            self.row -= 1;
            self.col = self.col.min(self.line_len());
        }
    }

    pub fn down(&mut self) {
        if self.row + 1 < self.lines.len() {
            self.row += 1;
            self.col = self.col.min(self.line_len());
        }
    }

    pub fn home(&mut self) {
        self.col = 0;
    }

    pub fn end(&mut self) {
        self.col = self.line_len();
    }

    /// The text wrapped at `width` columns at word boundaries (a word longer than a row
    /// is cut by characters), as it is drawn, and where the cursor lands:
    /// `(visual lines, cursor column, cursor line)`. Columns are display columns of the
    /// drawn text (control characters shown as their stand-ins, wide characters as two).
    /// The cursor may sit at column `width`, just past a full row: callers leave that
    /// column free.
    pub fn layout(&self, width: usize) -> (Vec<String>, usize, usize) {
        let width = width.max(2);
        let mut out = Vec::new();
        let (mut cx, mut cy) = (0, 0);
        for (r, line) in self.lines.iter().enumerate() {
            let chars: Vec<char> = line.chars().collect();
            let starts = wrap_starts(&chars, width);
            for (k, &start) in starts.iter().enumerate() {
                let end = starts.get(k + 1).copied().unwrap_or(chars.len());
                let last = k + 1 == starts.len();
                if r == self.row && self.col >= start && (self.col < end || last) {
                    let before: String = chars[start..self.col.min(chars.len())].iter().collect();
                    (cx, cy) = (shown_width(&before).min(width), out.len());
                }
                let row: String = chars[start..end].iter().collect();
                out.push(dossier::text::sanitize(&row).into_owned());
            }
        }
        (out, cx, cy)
    }
}

/// How wide `text` is drawn: its sanitized form's display width.
fn shown_width(text: &str) -> usize {
    use unicode_width::UnicodeWidthStr;
    dossier::text::sanitize(text).width()
}

fn char_width(c: char) -> usize {
    let mut buf = [0; 4];
    shown_width(c.encode_utf8(&mut buf))
}

/// Where each visual row of a line starts (character indexes): rows break after the
/// spaces that follow a word, so words stay whole; spaces may hang past the edge; a word
/// wider than a row is cut by characters.
fn wrap_starts(chars: &[char], width: usize) -> Vec<usize> {
    let mut starts = vec![0];
    let mut used = 0;
    let mut row_start = 0;
    let mut last_break: Option<usize> = None;
    for (i, &c) in chars.iter().enumerate() {
        let w = char_width(c);
        if c == ' ' {
            used += w;
            last_break = Some(i + 1);
            continue;
        }
        if used + w > width && i > row_start {
            let start = match last_break {
                Some(b) if b > row_start && b <= i => b,
                _ => i,
            };
            used = chars[start..i].iter().map(|&c| char_width(c)).sum();
            starts.push(start);
            row_start = start;
            last_break = None;
        }
        used += w;
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> Editor {
        let mut e = Editor::new("");
        for c in text.chars() {
            e.insert(c);
        }
        e
    }

    #[test]
    fn typing_newlines_and_backspace_round_trip() {
        let mut e = typed("first line\nsecond");
        assert_eq!(e.text(), "first line\nsecond");
        for _ in 0.."second".len() + 1 {
            e.backspace();
        }
        assert_eq!(e.text(), "first line");
        e.home();
        e.insert('>');
        assert_eq!(e.text(), ">first line");
    }

    #[test]
    fn cursor_moves_across_lines_and_wide_characters() {
        let mut e = Editor::new("日本\nab");
        e.up();
        assert_eq!(e.layout(80), (vec!["日本".into(), "ab".into()], 4, 0));
        e.left();
        e.delete();
        assert_eq!(e.text(), "日\nab");
        e.delete();
        assert_eq!(e.text(), "日ab");
        e.right();
        e.right();
        e.right();
        assert_eq!(e.layout(80).1, 4);
    }

    #[test]
    fn layout_wraps_long_words_by_character_and_places_the_cursor() {
        let e = Editor::new("abcdef");
        let (lines, x, y) = e.layout(4);
        assert_eq!(lines, vec!["abcd", "ef"]);
        assert_eq!((x, y), (2, 1));
        // A full row keeps the cursor at its end, in the column left free for it.
        let full = Editor::new("abcd");
        assert_eq!(full.layout(4), (vec!["abcd".into()], 4, 0));
    }

    #[test]
    fn layout_wraps_at_word_boundaries() {
        let mut e = Editor::new("the quick brown fox jumps");
        assert_eq!(
            e.layout(10).0,
            vec!["the quick ", "brown fox ", "jumps"],
            "no word is cut"
        );
        assert_eq!((e.layout(10).1, e.layout(10).2), (5, 2));
        e.home();
        for _ in 0.."the quick b".len() {
            e.right();
        }
        // On "r" of "brown": the second row, one column in.
        assert_eq!((e.layout(10).1, e.layout(10).2), (1, 1));
        // The cursor just after the spaces that end a row goes to the next row's start.
        let mut e = Editor::new("the quick brown");
        e.home();
        for _ in 0.."the quick ".len() {
            e.right();
        }
        assert_eq!((e.layout(10).1, e.layout(10).2), (0, 1));
    }

    #[test]
    fn the_cursor_column_counts_what_is_drawn() {
        // A control character is drawn as a one-column stand-in.
        let e = Editor::new("a\u{7}b");
        let (lines, x, _) = e.layout(20);
        assert_eq!(x, unicode_width::UnicodeWidthStr::width(lines[0].as_str()));
        let e = Editor::new("日本 語");
        assert_eq!(e.layout(20).1, 7);
    }
}

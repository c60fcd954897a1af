//! A small multi-line text editor for notes: the text, a cursor, and the edits a note
//! needs. Pure state; the view lays it out.

use unicode_width::UnicodeWidthChar;

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

    /// The text wrapped at `width` columns (by character), and where the cursor lands:
    /// `(visual lines, cursor column, cursor line)`.
    pub fn layout(&self, width: usize) -> (Vec<String>, usize, usize) {
        let width = width.max(2);
        let mut out = Vec::new();
        let (mut cx, mut cy) = (0, 0);
        for (r, line) in self.lines.iter().enumerate() {
            let mut current = String::new();
            let mut used = 0;
            for (c, ch) in line.chars().enumerate() {
                let w = ch.width().unwrap_or(0);
                if used + w > width {
                    out.push(std::mem::take(&mut current));
                    used = 0;
                }
                if r == self.row && c == self.col {
                    (cx, cy) = (used, out.len());
                }
                current.push(ch);
                used += w;
            }
            if r == self.row && self.col >= line.chars().count() {
                if used >= width {
                    out.push(std::mem::take(&mut current));
                    used = 0;
                }
                (cx, cy) = (used, out.len());
            }
            out.push(current);
        }
        (out, cx, cy)
    }
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
    fn layout_wraps_long_lines_and_places_the_cursor() {
        let e = Editor::new("abcdef");
        let (lines, x, y) = e.layout(4);
        assert_eq!(lines, vec!["abcd", "ef"]);
        assert_eq!((x, y), (2, 1));
        let full = Editor::new("abcd");
        assert_eq!(full.layout(4), (vec!["abcd".into(), String::new()], 0, 1));
    }
}

//! Words within a few edits of a typed one, found by walking the term dictionary with an
//! automaton rather than reading every term: the dictionary's branches that are already
//! too far from the word are never entered. At a million clips the edge field of one
//! segment holds tens of thousands of terms per first letter, and the scan of them all
//! was most of a search with an unknown word in it.

use super::tokenize::MAX_PREFIX_CHARS;

/// Longest word the tables below hold, in characters (edge-field terms are cut to it).
const N: usize = MAX_PREFIX_CHARS + 1;

/// Edit distance counting a swap of two neighbouring letters as one edit (optimal string
/// alignment), over the first `MAX_PREFIX_CHARS` characters of each side.
pub fn osa_distance(a: &str, b: &str) -> usize {
    let mut d = [[0usize; N]; N];
    let ac: Vec<char> = a.chars().take(N - 1).collect();
    let bc: Vec<char> = b.chars().take(N - 1).collect();
    let (la, lb) = (ac.len(), bc.len());
    for (i, row) in d.iter_mut().enumerate().take(la + 1) {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate().take(lb + 1) {
        *cell = j;
    }
    for i in 1..=la {
        for j in 1..=lb {
            let cost = usize::from(ac[i - 1] != bc[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && ac[i - 1] == bc[j - 2] && ac[i - 2] == bc[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[la][lb]
}

/// Accepts the terms within `max` edits of a word ([`osa_distance`], by characters). It
/// reads a term byte by byte, as the dictionary stores it, and steps the distance table
/// once per whole UTF-8 character.
pub struct WithinEdits {
    word: [char; N],
    len: usize,
    max: u8,
}

/// How far the term read so far is from every prefix of the word: `row[i]` is the
/// distance from the word's first `i` characters. `before` is the row one character back
/// and `last` that character, for swaps; `pending` holds a character's first bytes.
#[derive(Clone, Copy)]
pub struct State {
    row: [u8; N],
    before: [u8; N],
    last: char,
    read: u8,
    pending: [u8; 4],
    pending_len: u8,
    dead: bool,
}

impl WithinEdits {
    pub fn new(word: &str, max: usize) -> Self {
        let mut chars = ['\0'; N];
        let mut len = 0;
        for c in word.chars().take(N - 1) {
            chars[len] = c;
            len += 1;
        }
        WithinEdits {
            word: chars,
            len,
            max: max.min(u8::MAX as usize) as u8,
        }
    }

    /// The next row once the term has one more character, `c`.
    fn step(&self, s: &State, c: char) -> State {
        let mut row = [u8::MAX; N];
        let read = s.read.saturating_add(1);
        row[0] = read;
        for i in 1..=self.len {
            let cost = u8::from(self.word[i - 1] != c);
            let mut v = s.row[i]
                .saturating_add(1)
                .min(row[i - 1].saturating_add(1))
                .min(s.row[i - 1].saturating_add(cost));
            if i > 1 && s.read > 0 && self.word[i - 1] == s.last && self.word[i - 2] == c {
                v = v.min(s.before[i - 2].saturating_add(1));
            }
            row[i] = v;
        }
        let dead = row[..=self.len].iter().all(|&v| v > self.max);
        State {
            row,
            before: s.row,
            last: c,
            read,
            pending: [0; 4],
            pending_len: 0,
            dead,
        }
    }
}

impl tantivy_fst::Automaton for WithinEdits {
    type State = State;

    fn start(&self) -> State {
        let mut row = [u8::MAX; N];
        for (i, cell) in row.iter_mut().enumerate().take(self.len + 1) {
            *cell = i.min(u8::MAX as usize) as u8;
        }
        State {
            row,
            before: [u8::MAX; N],
            last: '\0',
            read: 0,
            pending: [0; 4],
            pending_len: 0,
            dead: false,
        }
    }

    fn is_match(&self, s: &State) -> bool {
        !s.dead && s.pending_len == 0 && s.row[self.len] <= self.max
    }

    fn can_match(&self, s: &State) -> bool {
        !s.dead
    }

    fn accept(&self, s: &State, byte: u8) -> State {
        if s.dead {
            return *s;
        }
        let mut pending = s.pending;
        let at = usize::from(s.pending_len);
        if at >= pending.len() {
            return State { dead: true, ..*s };
        }
        pending[at] = byte;
        let have = at + 1;
        match std::str::from_utf8(&pending[..have]) {
            Ok(text) => match text.chars().next() {
                Some(c) => self.step(s, c),
                None => State { dead: true, ..*s },
            },
            // The start of a character: wait for the rest of it.
            Err(e) if e.error_len().is_none() => State {
                pending,
                pending_len: have as u8,
                ..*s
            },
            Err(_) => State { dead: true, ..*s },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy_fst::{Automaton, IntoStreamer, Map, Streamer};

    #[test]
    fn a_swap_is_one_edit() {
        assert_eq!(osa_distance("retreival", "retrieval"), 1);
        assert_eq!(osa_distance("finetunning", "finetuning"), 1);
        assert_eq!(osa_distance("chunk", "chunk"), 0);
    }

    fn accepts(word: &str, max: usize, term: &str) -> bool {
        let a = WithinEdits::new(word, max);
        let mut s = a.start();
        for b in term.bytes() {
            s = a.accept(&s, b);
        }
        a.is_match(&s)
    }

    /// The automaton agrees with the distance on every pair, non-ASCII letters included.
    #[test]
    fn the_automaton_accepts_exactly_the_words_within_reach() {
        let words = [
            "retrieval",
            "retreival",
            "latency",
            "chunk",
            "café",
            "cafe",
            "naïve",
            "naive",
            "fine-tune",
            "finetune",
            "ab",
            "ba",
            "",
            "x",
            "日本語",
            "日本",
            "reduce",
            "redcue",
            "reduced",
        ];
        for w in words {
            for t in words {
                for max in 0..=2 {
                    assert_eq!(
                        accepts(w, max, t),
                        osa_distance(w, t) <= max,
                        "{w} → {t} within {max}"
                    );
                }
            }
        }
    }

    /// Walking a dictionary finds the same terms as reading all of it.
    #[test]
    fn a_dictionary_walk_finds_what_a_full_scan_finds() {
        let mut terms = vec![
            "reduce",
            "reduced",
            "reducer",
            "redo",
            "red",
            "retrieval",
            "retrieve",
            "rduce",
            "erduce",
            "educe",
            "reuce",
            "rédüce",
            "produce",
        ];
        terms.sort_unstable();
        let map = Map::from_iter(terms.iter().map(|t| (t, 0u64))).expect("sorted terms");
        for (word, max) in [("reduce", 1), ("reduce", 2), ("redcue", 2), ("rdüce", 2)] {
            let mut walked = Vec::new();
            let mut stream = map.search(WithinEdits::new(word, max)).into_stream();
            while let Some((t, _)) = stream.next() {
                walked.push(String::from_utf8(t.to_vec()).expect("utf-8"));
            }
            let scanned: Vec<String> = terms
                .iter()
                .filter(|t| osa_distance(word, t) <= max)
                .map(|t| t.to_string())
                .collect();
            assert_eq!(walked, scanned, "{word} within {max}");
        }
    }
}

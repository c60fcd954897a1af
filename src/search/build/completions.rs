//! The likeliest completions of the word being typed, scored as words.

use super::Builder;
use crate::search::plan::Unit;

const MAX_COMPLETIONS: usize = 3;
/// How many dictionary terms a completion looks at, per segment.
const COMPLETION_SCAN: usize = 256;

impl Builder<'_> {
    /// Up to `MAX_COMPLETIONS` stems in the gist field that the prefix starts (or that
    /// start the prefix, since a stem can be shorter than the word typed so far), the
    /// most frequent first. Prefixes shorter than 3 letters are not completed.
    pub(super) fn completions(&self, prefix: &str, unit: &Unit) -> Vec<String> {
        if prefix.chars().count() < 3 {
            return Vec::new();
        }
        let typed: Vec<&String> = unit.alternatives.iter().flat_map(|a| &a.stems).collect();
        let mut found: std::collections::HashMap<String, u64> = std::collections::HashMap::new();
        let mut end = prefix.to_string();
        end.push(char::MAX);
        for segment in self.searcher.segment_readers() {
            let Ok(inverted) = segment.inverted_index(self.index.fields.lead) else {
                continue;
            };
            let dict = inverted.terms();
            if let Ok(mut stream) = dict
                .range()
                .ge(prefix.as_bytes())
                .lt(end.as_bytes())
                .into_stream()
            {
                let mut seen = 0;
                while stream.advance() && seen < COMPLETION_SCAN {
                    seen += 1;
                    if let Ok(term) = std::str::from_utf8(stream.key()) {
                        *found.entry(term.to_string()).or_default() +=
                            u64::from(stream.value().doc_freq);
                    }
                }
            }
            // "retrieva" is typed; the stem is "retriev".
            let chars: Vec<char> = prefix.chars().collect();
            for cut in 1..=2 {
                // Stemming removes letters, never digits: "zqxsaved10" is not "zqxsaved1".
                if chars.len() > cut + 3
                    && chars[chars.len() - cut..].iter().all(|c| c.is_alphabetic())
                {
                    let shorter: String = chars[..chars.len() - cut].iter().collect();
                    if let Ok(Some(info)) = dict.get(shorter.as_bytes()) {
                        *found.entry(shorter).or_default() += u64::from(info.doc_freq);
                    }
                }
            }
        }
        let mut ranked: Vec<(String, u64)> = found
            .into_iter()
            .filter(|(t, _)| !typed.contains(&t))
            .collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        ranked
            .into_iter()
            .take(MAX_COMPLETIONS)
            .map(|(t, _)| t)
            .collect()
    }
}

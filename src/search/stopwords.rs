//! A short English stopword list, with the filler of questions people type ("what is the
//! best way to use", "do I need"): these words are never required to match, but still
//! count inside `"phrases"` and synonyms ("tool use"), since the index keeps them.

const STOPWORDS: &[&str] = &[
    "a", "about", "all", "am", "an", "and", "any", "are", "as", "at", "be", "been", "being",
    "best", "better", "but", "by", "can", "could", "did", "do", "does", "doing", "for", "from",
    "get", "go", "good", "had", "has", "have", "he", "her", "here", "his", "how", "i", "if", "in",
    "into", "is", "it", "its", "just", "like", "make", "many", "may", "me", "might", "much",
    "must", "my", "need", "of", "often", "on", "or", "our", "really", "shall", "she", "should",
    "so", "some", "than", "that", "the", "their", "them", "then", "there", "these", "they",
    "thing", "things", "this", "those", "to", "too", "us", "use", "used", "using", "very", "vs",
    "want", "was", "way", "ways", "we", "were", "what", "when", "where", "which", "who", "whom",
    "why", "will", "with", "would", "you", "your",
];

/// True for a lowercased word on the list.
pub fn is_stopword(word: &str) -> bool {
    STOPWORDS.binary_search(&word).is_ok()
}

/// The list's entry for a word in any case ("The" → "the"), without lowercasing it into
/// a new string: the index asks this of every word it stores.
pub fn as_stopword(word: &str) -> Option<&'static str> {
    // Most words are longer than any stopword: they are turned away before the search.
    let mut lower = [0u8; LONGEST];
    let bytes = word.as_bytes();
    let lower = lower.get_mut(..bytes.len())?;
    for (to, from) in lower.iter_mut().zip(bytes) {
        *to = from.to_ascii_lowercase();
    }
    STOPWORDS
        .binary_search_by(|s| s.as_bytes().cmp(lower))
        .ok()
        .map(|i| STOPWORDS[i])
}

/// The length of the longest stopword, in bytes.
const LONGEST: usize = 6;

#[cfg(test)]
mod tests {
    #[test]
    fn the_list_is_sorted_for_binary_search() {
        assert!(super::STOPWORDS.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(super::as_stopword("The"), Some("the"));
        assert_eq!(super::as_stopword("rag"), None);
        assert_eq!(super::as_stopword("İn"), None);
        assert!(super::is_stopword("the") && !super::is_stopword("rag"));
        assert_eq!(super::as_stopword("SHOULD"), Some("should"));
        assert_eq!(super::as_stopword("shoulder"), None);
        let longest = super::STOPWORDS.iter().map(|s| s.len()).max();
        assert_eq!(longest, Some(super::LONGEST));
    }
}

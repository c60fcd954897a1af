//! The bench's check of the two-stage ranking: its top results beside those of scoring
//! every match.

use dossier::Library;

/// What ranking a large library in two stages (`src/search/candidates.rs`) costs: its top
/// results beside those of scoring every match, on the same library.
pub fn ranking_shortcut(lib: &mut Library) {
    println!();
    println!(
        "| two stages vs every match scored | top 5 shared | top 20 shared | 20th best score reached |"
    );
    println!("|---|---|---|---|");
    for q in [
        "retrieval",
        "retrieval l",
        "retrieval la",
        "retrieval lat",
        "retrieval latency ",
        "how do I reduce retrieval latency",
    ] {
        lib.set_exact_search_up_to(u64::MAX);
        let exact = lib.search(q, 20).expect("search");
        lib.set_exact_search_up_to(dossier::search::EXACT_UP_TO);
        let staged = lib.search(q, 20).expect("search");
        let ids = |r: &dossier::search::SearchResults, n: usize| -> Vec<String> {
            r.hits.iter().take(n).map(|h| h.id.clone()).collect()
        };
        let shared = |n: usize| {
            let theirs = ids(&exact, n);
            ids(&staged, n)
                .iter()
                .filter(|id| theirs.contains(id))
                .count()
        };
        // Ties are common in a synthetic library: a result with the score of the exact
        // 20th best is as good as it.
        let floor = exact.hits.last().map_or(0.0, |h| h.score) - 1e-4;
        let reached = staged.hits.iter().filter(|h| h.score >= floor).count();
        println!(
            "| `{q}` | {}/{} | {}/{} | {reached}/{} |",
            shared(5),
            exact.hits.len().min(5),
            shared(20),
            exact.hits.len(),
            exact.hits.len()
        );
    }
}

use super::*;

#[test]
fn formats_times_like_the_corpus() {
    assert_eq!(format_time(0), "0:00");
    assert_eq!(format_time(176), "2:56");
    assert_eq!(format_time(3725), "1:02:05");
    let span = ClipSpan::Timed {
        start: 1590,
        end: Some(1898),
    };
    assert_eq!(span.label(), "26:30–31:38");
}

#[test]
fn clarity_bands_cover_0_to_100_at_their_documented_edges() {
    let bands: Vec<(u8, &str)> = [0, 39, 40, 59, 60, 79, 80, 100]
        .into_iter()
        .map(|c| (c, clarity_band(c)))
        .collect();
    assert_eq!(
        bands,
        [
            (0, "poor"),
            (39, "poor"),
            (40, "weak"),
            (59, "weak"),
            (60, "clear"),
            (79, "clear"),
            (80, "excellent"),
            (100, "excellent")
        ]
    );
}

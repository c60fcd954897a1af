//! An investigation's clips read their voices and sources in one batch: what each clip
//! shows must be what the clip alone shows, overlays set over its source included.

mod common;

use dossier::corpus::export::SourceOverlay;
use dossier::model::{ClipId, SourceId};

#[test]
fn a_large_investigation_shows_each_clips_own_voice_and_source_with_overlays() {
    let tmp = tempfile::tempdir().unwrap();
    let mut lib = common::open_with_user_corpus(tmp.path());
    lib.set_source(SourceOverlay {
        source: SourceId::new("podcast-ep"),
        url: None,
        published: Some("2024-05-01".into()),
        show: Some("Quokka Radio".into()),
    })
    .unwrap();
    // Every clip there is: built-in ones from many voices and sources, and the user's.
    let ids: Vec<ClipId> = lib
        .search("", 1000)
        .unwrap()
        .hits
        .iter()
        .map(|h| ClipId::new(h.id.clone()))
        .collect();
    assert!(ids.len() > 20, "{}", ids.len());
    lib.create_investigation("all", None).unwrap();
    lib.add_to_investigation("all", &ids, None).unwrap();
    let view = lib.investigation("all").unwrap();
    assert_eq!(view.items.len(), ids.len());
    let mut overlaid = 0;
    for item in &view.items {
        let alone = lib.clip(item.clip.clip.record.id.as_str()).unwrap();
        assert_eq!(item.clip.voice, alone.voice, "{}", alone.clip.record.id);
        assert_eq!(item.clip.source, alone.source, "{}", alone.clip.record.id);
        if item.clip.source.id.as_str() == "podcast-ep" {
            assert_eq!(item.clip.source.show.as_deref(), Some("Quokka Radio"));
            assert_eq!(item.clip.source.published.as_deref(), Some("2024-05-01"));
            overlaid += 1;
        }
    }
    assert!(
        overlaid > 0,
        "the user's clip on the overlaid source is there"
    );
}

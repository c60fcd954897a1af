//! JSON shapes that keep every key of an object unique where views combine records.

use super::{Clip, Page, Source, Stored, Theme};
use serde::ser::{Error, Serialize, Serializer};
use serde_json::Value;

/// `value` as a JSON object with `drop` left out and `rename` applied.
fn reshaped<T: Serialize, S: Serializer>(
    value: &T,
    drop: &[&str],
    rename: Option<(&str, &str)>,
    s: S,
) -> Result<S::Ok, S::Error> {
    let mut value = serde_json::to_value(value).map_err(S::Error::custom)?;
    if let Value::Object(map) = &mut value {
        for key in drop {
            map.remove(*key);
        }
        if let Some((from, to)) = rename
            && let Some(v) = map.remove(from)
        {
            map.insert(to.to_string(), v);
        }
    }
    value.serialize(s)
}

pub fn clip_without_refs<S: Serializer>(c: &Stored<Clip>, s: S) -> Result<S::Ok, S::Error> {
    reshaped(c, &["source", "voice"], None, s)
}

pub fn page_without_theme_ids<S: Serializer>(p: &Stored<Page>, s: S) -> Result<S::Ok, S::Error> {
    reshaped(p, &["themes"], None, s)
}

pub fn source_record<S: Serializer>(r: &Stored<Source>, s: S) -> Result<S::Ok, S::Error> {
    reshaped(r, &[], Some(("kind", "source_kind")), s)
}

pub fn theme_record<S: Serializer>(r: &Stored<Theme>, s: S) -> Result<S::Ok, S::Error> {
    reshaped(r, &[], Some(("kind", "theme_kind")), s)
}

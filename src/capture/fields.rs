//! The optional fields a user rates a clip with: clarity and stances per theme. Pure
//! parsing; `Library::add_clip` checks that the themes exist.

use crate::model::Stance;

/// Clarity as typed: empty means not rated (never a made-up default); otherwise 0-100.
pub fn parse_clarity(text: &str) -> Result<Option<u8>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<u8>() {
        Ok(n) if n <= 100 => Ok(Some(n)),
        _ => Err(format!(
            "clarity is a number from 0 to 100 (`{text}` is not); leave it empty if you do not rate it"
        )),
    }
}

/// Stances as typed: `THEME=STANCE` items separated by commas (`rag-is-obsolete=opposes,
/// evaluate-each-layer=supports`). Empty means none. A theme named twice keeps the last.
pub fn parse_stances(text: &str) -> Result<Vec<(String, Stance)>, String> {
    let mut out: Vec<(String, Stance)> = Vec::new();
    for item in text.split(',').map(str::trim).filter(|i| !i.is_empty()) {
        let Some((theme, stance)) = item.split_once('=') else {
            return Err(format!(
                "`{item}`: write a stance as THEME=STANCE, e.g. rag-is-obsolete=opposes"
            ));
        };
        let theme = theme.trim();
        if theme.is_empty() {
            return Err(format!("`{item}`: name the theme before `=`"));
        }
        let Some(stance) = Stance::parse(stance) else {
            return Err(format!(
                "`{}` is not a stance: use {}",
                stance.trim(),
                Stance::choices()
            ));
        };
        out.retain(|(t, _)| t != theme);
        out.push((theme.to_string(), stance));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clarity_is_optional_and_bounded() {
        assert_eq!(parse_clarity(" "), Ok(None));
        assert_eq!(parse_clarity("70"), Ok(Some(70)));
        assert!(parse_clarity("101").is_err());
        assert!(parse_clarity("-1").is_err());
        assert!(parse_clarity("high").is_err());
    }

    #[test]
    fn stances_by_theme() {
        assert_eq!(parse_stances(""), Ok(vec![]));
        assert_eq!(
            parse_stances("a=supports, b = Opposes,a=nuanced"),
            Ok(vec![
                ("b".to_string(), Stance::Opposes),
                ("a".to_string(), Stance::Nuanced)
            ])
        );
        assert!(parse_stances("a").unwrap_err().contains("THEME=STANCE"));
        assert!(parse_stances("a=maybe").unwrap_err().contains("supports"));
        assert!(parse_stances("=supports").is_err());
    }
}

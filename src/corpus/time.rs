//! Clip times as the corpus writes them: `m:ss` or `h:mm:ss`.

/// Parses `m:ss` or `h:mm:ss` into seconds. The error says what is wrong in words.
pub fn parse_time(text: &str) -> Result<u32, String> {
    let text = text.trim();
    let parts: Vec<&str> = text.split(':').collect();
    let bad = || format!("`{text}` is not a time: write m:ss or h:mm:ss, e.g. 26:30 or 1:02:05");
    if parts.len() < 2 || parts.len() > 3 {
        return Err(bad());
    }
    let mut numbers = Vec::with_capacity(3);
    for (i, part) in parts.iter().enumerate() {
        let leading = i == 0;
        let digits_ok = !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
        if !digits_ok || (!leading && part.len() != 2) || (leading && part.len() > 6) {
            return Err(bad());
        }
        let value: u32 = part.parse().map_err(|_| bad())?;
        if !leading && value > 59 {
            return Err(format!(
                "`{text}`: {value} is not a valid number of minutes or seconds (00-59)"
            ));
        }
        numbers.push(value);
    }
    let total = match numbers.as_slice() {
        [m, s] => u64::from(*m) * 60 + u64::from(*s),
        [h, m, s] => u64::from(*h) * 3600 + u64::from(*m) * 60 + u64::from(*s),
        _ => return Err(bad()),
    };
    u32::try_from(total).map_err(|_| bad())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_minutes_and_hours() {
        assert_eq!(parse_time("2:56"), Ok(176));
        assert_eq!(parse_time("26:30"), Ok(1590));
        assert_eq!(parse_time("1:02:05"), Ok(3725));
        assert_eq!(parse_time(" 0:00 "), Ok(0));
        assert_eq!(parse_time("75:00"), Ok(4500));
    }

    #[test]
    fn rejects_what_is_not_a_time() {
        for bad in [
            "",
            "12",
            "1:2",
            "1:60",
            "a:bb",
            "-1:00",
            "1:00:00:00",
            "1::00",
            "1:5x",
            "9999999:00",
        ] {
            assert!(parse_time(bad).is_err(), "{bad:?} should be rejected");
        }
    }
}

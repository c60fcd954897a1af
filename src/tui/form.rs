//! The new-clip form: one line of text per field, Tab between them, completion of names
//! already in the notebook, and each field's problem shown beside it as the user types.

use dossier::capture::{Field, FieldError, NewClip};
use dossier::model::Stance;
pub use dossier::store::Names;
use std::sync::Arc;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClipForm {
    values: [String; Field::ALL.len()],
    pub focus: usize,
    /// Fields the user has left after typing in them: their problems are shown.
    touched: [bool; Field::ALL.len()],
    /// After a first Enter every problem is shown.
    pub submitted: bool,
    /// Why the library refused the clip (unknown page, duplicate…), until the next edit.
    pub refused: Option<String>,
    /// The first Esc on an edited form asks; the second discards.
    pub confirm_discard: bool,
    edited: bool,
}

fn index(field: Field) -> usize {
    Field::ALL.iter().position(|f| *f == field).unwrap_or(0)
}

impl ClipForm {
    pub fn new(prefill: &NewClip) -> ClipForm {
        let mut form = ClipForm {
            values: Default::default(),
            focus: 0,
            touched: [false; Field::ALL.len()],
            submitted: false,
            refused: None,
            confirm_discard: false,
            edited: false,
        };
        for field in Field::ALL {
            let value = match field {
                Field::Url => &prefill.url,
                Field::At => &prefill.at,
                Field::To => &prefill.to,
                Field::Voice => &prefill.voice,
                Field::Source => &prefill.source,
                Field::Quote => &prefill.quote,
                Field::Gist => &prefill.gist,
                Field::Topics => &prefill.topics.join(", "),
                Field::Clarity => &prefill.clarity,
                Field::Stances => &prefill.stances,
                Field::Page => &prefill.page,
                Field::Investigation => &prefill.investigation,
            };
            form.values[index(field)] = value.clone();
        }
        // Start where typing is needed: the first empty required field.
        form.focus = [Field::Url, Field::At, Field::Voice, Field::Gist]
            .iter()
            .map(|f| index(*f))
            .find(|i| form.values[*i].trim().is_empty())
            .unwrap_or(index(Field::Gist));
        form
    }

    pub fn field(&self) -> Field {
        Field::ALL[self.focus]
    }

    pub fn value(&self, field: Field) -> &str {
        &self.values[index(field)]
    }

    pub fn is_edited(&self) -> bool {
        self.edited
    }

    fn changed(&mut self) {
        self.edited = true;
        self.refused = None;
        self.confirm_discard = false;
    }

    pub fn insert(&mut self, c: char) {
        if c.is_control() {
            return;
        }
        self.values[self.focus].push(c);
        self.changed();
    }

    pub fn backspace(&mut self) {
        self.values[self.focus].pop();
        self.changed();
    }

    pub fn clear(&mut self) {
        self.values[self.focus].clear();
        self.changed();
    }

    pub fn next(&mut self) {
        self.leave();
        self.focus = (self.focus + 1) % Field::ALL.len();
    }

    pub fn previous(&mut self) {
        self.leave();
        self.focus = (self.focus + Field::ALL.len() - 1) % Field::ALL.len();
    }

    fn leave(&mut self) {
        if !self.values[self.focus].trim().is_empty() {
            self.touched[self.focus] = true;
        }
        self.confirm_discard = false;
    }

    /// The clip as typed, for checking and saving.
    pub fn new_clip(&self) -> NewClip {
        let v = |f| self.value(f).to_string();
        NewClip {
            url: v(Field::Url),
            at: v(Field::At),
            to: v(Field::To),
            voice: v(Field::Voice),
            source: v(Field::Source),
            quote: v(Field::Quote),
            gist: v(Field::Gist),
            topics: vec![v(Field::Topics)],
            clarity: v(Field::Clarity),
            stances: v(Field::Stances),
            page: v(Field::Page),
            investigation: v(Field::Investigation),
            kind: None,
        }
    }

    /// The problems to show now: those of touched fields, or all after an Enter.
    pub fn visible_errors(&self) -> Vec<FieldError> {
        match self.new_clip().check() {
            Ok(_) => Vec::new(),
            Err(errors) => errors
                .into_iter()
                .filter(|e| self.submitted || self.touched[index(e.field)])
                .collect(),
        }
    }

    /// On Enter: the clip to save, or None after moving to the first field with a problem.
    pub fn submit(&mut self) -> Option<NewClip> {
        self.submitted = true;
        match self.new_clip().check() {
            Ok(_) => Some(self.new_clip()),
            Err(errors) => {
                if let Some(first) = errors.first() {
                    self.focus = index(first.field);
                }
                None
            }
        }
    }

    fn candidates<'a>(&self, names: &'a Names) -> Vec<&'a str> {
        let list: &[String] = match self.field() {
            Field::Voice => &names.voices,
            Field::Source => &names.sources,
            Field::Page => &names.pages,
            Field::Investigation => &names.investigations,
            // In `THEME=STANCE, …` the part being typed is a theme id, or after `=` a stance.
            Field::Stances if self.typed().contains('=') => {
                return Stance::ALL.iter().map(|s| s.as_str()).collect();
            }
            Field::Stances => &names.themes,
            _ => &[],
        };
        list.iter().map(String::as_str).collect()
    }

    /// Where the text being completed starts in the focused field: after the last `,` or
    /// `=` in the stances, the whole value elsewhere.
    fn typed_start(&self) -> usize {
        let value = &self.values[self.focus];
        match self.field() {
            Field::Stances => value.rfind([',', '=']).map_or(0, |i| i + 1),
            _ => 0,
        }
    }

    /// The part of the focused field that completion works on.
    fn typed(&self) -> &str {
        let value = &self.values[self.focus];
        match self.field() {
            Field::Stances => value.rsplit(',').next().unwrap_or(""),
            _ => value,
        }
    }

    /// What is typed of the name being completed (the last theme or stance in the stances
    /// field; the whole value elsewhere).
    pub fn completing(&self) -> &str {
        self.values[self.focus][self.typed_start()..].trim_start()
    }

    /// The name the focused field would complete to: the first that starts with what is
    /// typed (ignoring case), else the first that contains it.
    pub fn completion<'a>(&self, names: &'a Names) -> Option<&'a str> {
        let typed = self.completing().trim().to_lowercase();
        if typed.is_empty() {
            return None;
        }
        let list = self.candidates(names);
        list.iter()
            .find(|n| n.to_lowercase().starts_with(&typed))
            .or_else(|| list.iter().find(|n| n.to_lowercase().contains(&typed)))
            .filter(|n| n.to_lowercase() != typed)
            .copied()
    }

    /// Takes the completion, if there is one. Returns whether it did.
    pub fn complete(&mut self, names: &Names) -> bool {
        match self.completion(names).map(str::to_string) {
            Some(name) => {
                let start = self.typed_start();
                let value = &mut self.values[self.focus];
                let lead = if start > 0 && value[start..].starts_with(' ') {
                    " "
                } else {
                    ""
                };
                value.truncate(start);
                value.push_str(lead);
                value.push_str(&name);
                self.changed();
                true
            }
            None => false,
        }
    }
}

/// Shared, cheap to clone into each form.
pub type SharedNames = Arc<Names>;

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Names {
        Names {
            voices: vec!["Hamel Husain".into(), "Meryem Arik".into()],
            pages: vec!["RAG vs fine-tuning".into()],
            ..Names::default()
        }
    }

    #[test]
    fn typing_tab_and_completion() {
        let mut form = ClipForm::new(&NewClip {
            url: "https://youtu.be/x?t=60".into(),
            ..NewClip::default()
        });
        assert_eq!(
            form.field(),
            Field::At,
            "the URL is filled: start at the start time"
        );
        form.next();
        form.next();
        assert_eq!(form.field(), Field::Voice);
        for c in "mer".chars() {
            form.insert(c);
        }
        assert_eq!(form.completion(&names()), Some("Meryem Arik"));
        assert!(form.complete(&names()));
        assert_eq!(form.value(Field::Voice), "Meryem Arik");
        assert_eq!(form.completion(&names()), None, "nothing left to complete");
        form.focus = index(Field::Page);
        for c in "fine".chars() {
            form.insert(c);
        }
        assert_eq!(
            form.completion(&names()),
            Some("RAG vs fine-tuning"),
            "contains"
        );
    }

    #[test]
    fn stances_complete_theme_ids_then_stances() {
        let names = Names {
            themes: vec!["evaluate-each-layer".into(), "rag-is-obsolete".into()],
            ..Names::default()
        };
        let mut form = ClipForm::new(&NewClip::default());
        form.focus = index(Field::Stances);
        let type_in = |form: &mut ClipForm, text: &str| {
            for c in text.chars() {
                form.insert(c);
            }
        };
        type_in(&mut form, "rag-is");
        assert_eq!(form.completion(&names), Some("rag-is-obsolete"));
        assert!(form.complete(&names));
        type_in(&mut form, "=opp");
        assert_eq!(form.completing(), "opp");
        assert_eq!(form.completion(&names), Some("opposes"));
        assert!(form.complete(&names));
        type_in(&mut form, ", layer");
        assert_eq!(
            form.completion(&names),
            Some("evaluate-each-layer"),
            "contains"
        );
        assert!(form.complete(&names));
        assert_eq!(
            form.value(Field::Stances),
            "rag-is-obsolete=opposes, evaluate-each-layer"
        );
        type_in(&mut form, "=s");
        assert!(form.complete(&names));
        let clip = form.new_clip();
        assert_eq!(
            dossier::capture::fields::parse_stances(&clip.stances).unwrap(),
            vec![
                ("rag-is-obsolete".to_string(), Stance::Opposes),
                ("evaluate-each-layer".to_string(), Stance::Supports)
            ]
        );
    }

    #[test]
    fn problems_show_once_a_field_is_left_or_enter_pressed() {
        let mut form = ClipForm::new(&NewClip::default());
        assert!(
            form.visible_errors().is_empty(),
            "an untouched form is quiet"
        );
        for c in "nope".chars() {
            form.insert(c);
        }
        form.next();
        let errors = form.visible_errors();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, Field::Url);
        assert!(form.submit().is_none());
        assert_eq!(form.field(), Field::Url, "Enter goes to the first problem");
        assert!(form.visible_errors().len() >= 3);
    }
}

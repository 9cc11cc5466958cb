//! Where a value is written in its record file: the keys and list positions leading to it
//! (`locations[1].name`). Diagnostics look a value's own position up by its field
//! (`yaml::Nodes`), so a text written twice in one file (a place's name that is also an
//! alias) is found where the field that holds it is written.

/// One step on the way to a value: a map key or a position in a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    /// The value of this key in a map.
    Key(&'a str),
    /// The entry at this position (from 0) of a list.
    Index(usize),
}

/// The deepest field a record names: `locations[1].hours.text`.
const MAX_STEPS: usize = 4;

/// The way from the top of a record file to one of its values, e.g. `first_windows[2].why`.
/// Copied, not allocated: `About` lists one per text for every record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    steps: [Step<'static>; MAX_STEPS],
    len: u8,
}

impl Field {
    /// The top-level key `key`.
    pub const fn key(key: &'static str) -> Field {
        Field {
            steps: [
                Step::Key(key),
                Step::Index(0),
                Step::Index(0),
                Step::Index(0),
            ],
            len: 1,
        }
    }

    /// This field's entry at `index` (it is a list).
    pub fn at(self, index: usize) -> Field {
        self.then(Step::Index(index))
    }

    /// This field's value under `key` (it is a map).
    pub fn field(self, key: &'static str) -> Field {
        self.then(Step::Key(key))
    }

    fn then(mut self, step: Step<'static>) -> Field {
        // Record kinds are written in this crate: a deeper field is a programming error.
        assert!(
            usize::from(self.len) < MAX_STEPS,
            "fields are at most {MAX_STEPS} deep"
        );
        self.steps[usize::from(self.len)] = step;
        self.len += 1;
        self
    }

    /// The steps, from the top of the file.
    pub fn steps(&self) -> &[Step<'static>] {
        &self.steps[..usize::from(self.len)]
    }

    /// The last key on the way (`name` of `locations[1].name`, `activities` of
    /// `activities[2]`): what messages call the field.
    pub fn name(&self) -> &'static str {
        (self.steps().iter().rev())
            .find_map(|s| match s {
                Step::Key(k) => Some(*k),
                Step::Index(_) => None,
            })
            .unwrap_or("")
    }

    /// The steps with `more` after them, to look up a value inside this field (a text's
    /// language, `["ja"]`).
    pub fn with<'a>(&self, more: &[Step<'a>]) -> Vec<Step<'a>> {
        let mut out: Vec<Step<'a>> = self.steps().to_vec();
        out.extend_from_slice(more);
        out
    }
}

impl std::fmt::Display for Field {
    /// `locations[1].name`, as a staff member finds it in the file.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, step) in self.steps().iter().enumerate() {
            match step {
                Step::Key(k) if i == 0 => write!(f, "{k}")?,
                Step::Key(k) => write!(f, ".{k}")?,
                Step::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_names_its_last_key_and_prints_its_way() {
        let f = Field::key("locations").at(1).field("hours").field("text");
        assert_eq!(f.name(), "text");
        assert_eq!(f.to_string(), "locations[1].hours.text");
        assert_eq!(Field::key("activities").at(2).name(), "activities");
        assert_eq!(f.with(&[Step::Key("ja")]).last(), Some(&Step::Key("ja")));
        assert_eq!(f.steps().len(), 4);
    }
}

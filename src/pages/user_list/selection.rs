//! The admin's selection on the user list: users ticked one by one (kept
//! across pages and sorts, each with what a bulk change needs of them), or
//! every user matching a filter minus the ones unticked (the filter is
//! held, not a list of ids fetched up front). Plain values, tested natively;
//! kept in the tab's `sessionStorage` so a reload keeps it.

use serde_json::{json, Map, Value};

use crate::api::params::ListParams;
use crate::resource::bulk::Target;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Selection {
    picked: Vec<Target>,
    matching: Option<Matching>,
}

/// Every user the filter matches, but those in `except`.
#[derive(Clone, Debug, PartialEq)]
pub struct Matching {
    pub filter: Filter,
    /// How many matched when they were selected.
    pub total: u64,
    pub except: Vec<String>,
}

/// The part of the list's view that decides who is on it (not the page,
/// its size or the sort).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub q: Option<String>,
    pub active: Option<bool>,
    pub role: Option<String>,
}

impl Filter {
    pub fn of(view: &ListParams) -> Self {
        Self {
            q: view.q.clone(),
            active: view.active,
            role: view.role.clone(),
        }
    }

    /// `view` with this filter: the pages a run over all matching users reads.
    pub fn on(&self, view: &ListParams) -> ListParams {
        ListParams {
            q: self.q.clone(),
            active: self.active,
            role: self.role.clone(),
            ..view.clone()
        }
    }
}

/// What the header checkbox shows for the page on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageTick {
    All,
    Some,
    None,
}

impl Selection {
    /// How many users are selected.
    pub fn count(&self) -> u64 {
        match &self.matching {
            Some(m) => m.total.saturating_sub(m.except.len() as u64),
            None => self.picked.len() as u64,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.count() == 0
    }

    pub fn contains(&self, id: &str) -> bool {
        match &self.matching {
            Some(m) => !m.except.iter().any(|e| e == id),
            None => self.picked.iter().any(|t| t.id == id),
        }
    }

    /// Ticks or unticks one user.
    pub fn set(&mut self, target: &Target, on: bool) {
        match &mut self.matching {
            Some(m) => {
                m.except.retain(|e| *e != target.id);
                if !on {
                    m.except.push(target.id.clone());
                }
            }
            None => {
                self.picked.retain(|t| t.id != target.id);
                if on {
                    self.picked.push(target.clone());
                }
            }
        }
    }

    /// Ticks or unticks every user of a page.
    pub fn set_page(&mut self, page: &[Target], on: bool) {
        for target in page {
            self.set(target, on);
        }
    }

    pub fn page_tick(&self, page: &[Target]) -> PageTick {
        let ticked = page.iter().filter(|t| self.contains(&t.id)).count();
        match ticked {
            0 => PageTick::None,
            n if n == page.len() => PageTick::All,
            _ => PageTick::Some,
        }
    }

    /// Selects every user `filter` matches (`total` of them now).
    pub fn select_matching(&mut self, filter: Filter, total: u64) {
        self.picked.clear();
        self.matching = Some(Matching {
            filter,
            total,
            except: Vec::new(),
        });
    }

    pub fn matching(&self) -> Option<&Matching> {
        self.matching.as_ref()
    }

    /// The users ticked one by one (none while all matching are selected).
    pub fn picked(&self) -> &[Target] {
        &self.picked
    }

    pub fn clear(&mut self) {
        *self = Self::default();
    }

    /// A selection of all users matching one filter ends when the admin
    /// moves to another: it no longer describes the list they see.
    pub fn follow_filter(&mut self, filter: &Filter) {
        if self.matching.as_ref().is_some_and(|m| m.filter != *filter) {
            self.matching = None;
        }
    }

    /// Takes newer copies of selected users (from a page, or a run's answers).
    pub fn refresh(&mut self, seen: &[Target]) {
        for picked in &mut self.picked {
            if let Some(newer) = seen.iter().find(|t| t.id == picked.id) {
                *picked = newer.clone();
            }
        }
    }

    /// As stored. Written through `serde_json::Value`, which the API layer
    /// already uses, rather than derived (de)serializers, which cost size.
    pub fn to_json(&self) -> String {
        let picked: Vec<Value> = self
            .picked
            .iter()
            .map(|t| {
                json!({"id": t.id, "name": t.name, "active": t.active,
                       "roles": t.roles, "version": t.version})
            })
            .collect();
        let matching = self.matching.as_ref().map(|m| {
            json!({"q": m.filter.q, "active": m.filter.active, "role": m.filter.role,
                   "total": m.total, "except": m.except})
        });
        // Into a `Vec`, not through `Display`: that path brings `std::io`'s
        // error formatting into the first download. It cannot fail.
        serde_json::to_string(&json!({"picked": picked, "matching": matching})).unwrap_or_default()
    }

    /// A stored selection; anything unreadable is no selection, and a user
    /// without an id is left out.
    pub fn from_json(text: &str) -> Self {
        let Ok(Value::Object(stored)) = serde_json::from_slice::<Value>(text.as_bytes()) else {
            return Self::default();
        };
        let picked = stored
            .get("picked")
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(Value::as_object)
                    .filter_map(target)
                    .collect()
            })
            .unwrap_or_default();
        let matching = stored
            .get("matching")
            .and_then(Value::as_object)
            .and_then(|m| {
                Some(Matching {
                    filter: Filter {
                        q: text_of(m, "q"),
                        active: m.get("active").and_then(Value::as_bool),
                        role: text_of(m, "role"),
                    },
                    total: m.get("total")?.as_u64()?,
                    except: strings(m, "except"),
                })
            });
        Self { picked, matching }
    }
}

fn text_of(object: &Map<String, Value>, name: &str) -> Option<String> {
    object.get(name)?.as_str().map(str::to_owned)
}

fn strings(object: &Map<String, Value>, name: &str) -> Vec<String> {
    object
        .get(name)
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

fn target(object: &Map<String, Value>) -> Option<Target> {
    Some(Target {
        id: text_of(object, "id").filter(|id| !id.is_empty())?,
        name: text_of(object, "name").unwrap_or_default(),
        active: object
            .get("active")
            .and_then(Value::as_bool)
            .unwrap_or(true),
        roles: strings(object, "roles"),
        version: text_of(object, "version"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(id: &str) -> Target {
        Target {
            id: id.into(),
            name: format!("User {id}"),
            active: true,
            roles: Vec::new(),
            version: None,
        }
    }

    #[test]
    fn ticked_users_survive_other_pages_and_a_reload() {
        let mut selection = Selection::default();
        let first_page = [user("1"), user("2")];
        selection.set_page(&first_page, true);
        assert_eq!(selection.page_tick(&first_page), PageTick::All);
        let second_page = [user("3"), user("4")];
        assert_eq!(selection.page_tick(&second_page), PageTick::None);
        selection.set(&user("3"), true);
        assert_eq!(selection.page_tick(&second_page), PageTick::Some);
        selection.set(&user("1"), false);
        let reloaded = Selection::from_json(&selection.to_json());
        assert_eq!(reloaded, selection);
        assert_eq!(reloaded.count(), 2);
        assert!(reloaded.contains("2") && reloaded.contains("3") && !reloaded.contains("1"));
        assert_eq!(Selection::from_json("{not json"), Selection::default());
        assert_eq!(
            Selection::from_json(r#"{"picked": [{"name": "no id"}, 3]}"#),
            Selection::default()
        );
    }

    #[test]
    fn all_matching_holds_the_filter_and_counts_the_unticked_out() {
        let mut selection = Selection::default();
        selection.set(&user("9"), true);
        let filter = Filter {
            q: Some("jan".into()),
            ..Filter::default()
        };
        selection.select_matching(filter.clone(), 120);
        assert_eq!(selection.count(), 120);
        assert_eq!(Selection::from_json(&selection.to_json()), selection);
        assert!(selection.contains("any-id"));
        selection.set(&user("5"), false);
        assert_eq!(selection.count(), 119);
        assert!(!selection.contains("5"));
        selection.set(&user("5"), true);
        assert_eq!(selection.count(), 120);
        selection.follow_filter(&filter);
        assert_eq!(selection.count(), 120, "same filter, other page or sort");
        selection.follow_filter(&Filter::default());
        assert!(selection.is_empty(), "another filter ends it");
    }

    #[test]
    fn newer_copies_replace_the_selected_ones() {
        let mut selection = Selection::default();
        selection.set(&user("1"), true);
        let newer = Target {
            active: false,
            version: Some("\"v2\"".into()),
            ..user("1")
        };
        selection.refresh(&[newer.clone(), user("7")]);
        assert_eq!(selection.picked(), [newer]);
    }
}

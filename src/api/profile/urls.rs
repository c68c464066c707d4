//! The path and query each operation sends, relative to the API base.
//! `None` where the profile's API does not have the operation.

use super::{ApiProfile, Paging, SortSyntax, UpdateMethod};
use crate::api::params::{encode, ListParams};

/// `template` with each `{name}` replaced by its (already encoded) value.
fn filled(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// `path` with `pairs` appended to its query (which it may already have).
fn with_query(path: &str, pairs: &[(&str, String)]) -> String {
    if pairs.is_empty() {
        return path.to_owned();
    }
    let encoded: Vec<String> = pairs
        .iter()
        .map(|(name, value)| format!("{name}={}", encode(value)))
        .collect();
    let joiner = if path.contains('?') { '&' } else { '?' };
    format!("{path}{joiner}{}", encoded.join("&"))
}

fn joined_ids(ids: &[String]) -> String {
    ids.iter()
        .map(|id| encode(id))
        .collect::<Vec<_>>()
        .join(",")
}

impl ApiProfile {
    /// One page of the list, parameters in a fixed order (it is also a
    /// cache key). With [`Paging::Whole`] the query has no page or size:
    /// every page of one search is cut from the same answer.
    pub fn list_path(&self, params: &ListParams) -> Option<String> {
        let list = self.list.as_ref()?;
        let limit = params.limit.max(1);
        let mut pairs: Vec<(&str, String)> = Vec::new();
        match &list.paging {
            Paging::Page { parameter, first } => {
                pairs.push((parameter, params.page.saturating_add(*first).to_string()))
            }
            Paging::Offset { parameter } => {
                pairs.push((parameter, params.page.saturating_mul(limit).to_string()))
            }
            // The first page; the next ones are the links the answers give.
            Paging::Whole | Paging::Links => {}
        }
        if let (Some(size), false) = (&list.size, list.paging == Paging::Whole) {
            pairs.push((size, limit.to_string()));
        }
        let q = params.q.as_deref().map(str::trim).filter(|q| !q.is_empty());
        if let (Some(name), Some(q)) = (&list.search, q) {
            pairs.push((name, q.to_owned()));
        }
        if let (Some(name), Some(active)) = (&list.active, params.active) {
            pairs.push((name, active.to_string()));
        }
        let role = params.role.as_deref().filter(|r| !r.is_empty());
        if let (Some(name), Some(role)) = (&list.role, role) {
            pairs.push((name, role.to_owned()));
        }
        let sort = params.sort.as_deref().filter(|s| !s.is_empty());
        if let (Some(sort_parameter), Some(sort)) = (&list.sort, sort) {
            let (descending, key) = match sort.strip_prefix('-') {
                Some(key) => (true, key),
                None => (false, sort),
            };
            let field = self.field(key);
            let value = match (&sort_parameter.syntax, descending) {
                (SortSyntax::Minus, true) => format!("-{field}"),
                (SortSyntax::Minus, false) | (SortSyntax::Order { .. }, _) => field.to_owned(),
                (SortSyntax::Comma, true) => format!("{field},desc"),
                (SortSyntax::Comma, false) => format!("{field},asc"),
            };
            pairs.push((&sort_parameter.parameter, value));
            if let SortSyntax::Order { parameter } = &sort_parameter.syntax {
                pairs.push((
                    parameter,
                    if descending { "desc" } else { "asc" }.to_owned(),
                ));
            }
        }
        Some(with_query(&list.path, &pairs))
    }

    pub fn user_path(&self, id: &str) -> String {
        filled(&self.user, &[("id", &encode(id))])
    }

    /// Where a change of the user goes, and how it is sent.
    pub fn update_path(&self, id: &str) -> Option<(String, UpdateMethod, bool)> {
        let update = self.update.as_ref()?;
        Some((
            filled(&update.path, &[("id", &encode(id))]),
            update.method,
            update.if_match,
        ))
    }

    pub fn presence_batch_path(&self, ids: &[String]) -> Option<String> {
        let template = self.presence.as_ref()?.batch.as_ref()?;
        Some(filled(template, &[("ids", &joined_ids(ids))]))
    }

    pub fn presence_events_path(&self, ids: &[String]) -> Option<String> {
        let template = self.presence.as_ref()?.events.as_ref()?;
        Some(filled(template, &[("ids", &joined_ids(ids))]))
    }

    pub fn presence_path(&self, id: &str) -> Option<String> {
        let template = self.presence.as_ref()?.one.as_ref()?;
        Some(filled(template, &[("id", &encode(id))]))
    }

    pub fn set_presence_path(&self) -> Option<&str> {
        self.presence.as_ref()?.set.as_deref()
    }

    /// A create or merge-patch body with the API's field names.
    pub fn renamed_body(
        &self,
        body: &serde_json::Map<String, serde_json::Value>,
    ) -> serde_json::Map<String, serde_json::Value> {
        body.iter()
            .map(|(name, value)| (self.field(name).to_owned(), value.clone()))
            .collect()
    }
}

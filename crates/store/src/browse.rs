//! Browsing a library as a whole, written once for both backends (through
//! [`Library::read_tx`] and the one SQL dialect of [`crate::db`]): the outlets
//! with their outlet-book attributes (for coverage bars over every story), the
//! actors ranked by mentions with each outlet's share, and the facets of a
//! search (matches per outlet and per month).

use std::collections::BTreeMap;

use parallax_compare::OutletRef;
use parallax_core::Outlet;
use serde::{Deserialize, Serialize};

use crate::db::{Val, marks};
use crate::{ActorSummary, Library, Result, SearchQuery, StoreError};

fn corrupt(e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(e.to_string())
}

/// Every outlet of the library with its outlet-book attributes (as its latest
/// import gave them: one spelling per outlet) and its number of articles, by name.
pub fn outlet_refs(lib: &dyn Library) -> Result<Vec<OutletRef>> {
    let mut out = Vec::new();
    lib.read_tx(&mut |db| {
        let rows = db.query(
            "SELECT outlet, MAX(outlet_json), COUNT(*) FROM articles GROUP BY outlet ORDER BY outlet",
            &[],
        )?;
        out.clear();
        for r in rows {
            let mut it = r.into_iter();
            let name = it.next().unwrap_or(Val::Null).text()?;
            let json = it.next().unwrap_or(Val::Null).text()?;
            let n = it.next().unwrap_or(Val::Null).int()?;
            let o: Outlet = serde_json::from_str(&json).map_err(corrupt)?;
            out.push(OutletRef {
                name,
                domain: o.domain,
                attributes: o.attributes,
                articles: n.max(0) as usize,
            });
        }
        Ok(())
    })?;
    Ok(out)
}

/// An actor as the Actors page ranks it: its summary and its mentions per outlet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankedActor {
    /// The actor.
    pub actor: ActorSummary,
    /// Outlet name -> mentions of the actor in that outlet's articles.
    pub outlets: BTreeMap<String, usize>,
}

/// The actors with most mentions across the library, most first, each with
/// its mentions per outlet.
pub fn top_actors(lib: &dyn Library, limit: usize, offset: usize) -> Result<Vec<RankedActor>> {
    let mut out: Vec<RankedActor> = Vec::new();
    lib.read_tx(&mut |db| {
        out.clear();
        let rows = db.query(
            "SELECT id, name, kind, articles, mentions FROM identities WHERE mentions > 0
             ORDER BY mentions DESC, id LIMIT $1 OFFSET $2",
            &[(limit as i64).into(), (offset as i64).into()],
        )?;
        for r in rows {
            let mut it = r.into_iter();
            let id = it.next().unwrap_or(Val::Null).text()?;
            let name = it.next().unwrap_or(Val::Null).text()?;
            let kind = it.next().unwrap_or(Val::Null).text()?;
            let articles = it.next().unwrap_or(Val::Null).int()?;
            let mentions = it.next().unwrap_or(Val::Null).int()?;
            out.push(RankedActor {
                actor: ActorSummary {
                    id,
                    name,
                    kind: serde_json::from_value(serde_json::Value::String(kind))
                        .map_err(corrupt)?,
                    articles: articles.max(0) as usize,
                    mentions: mentions.max(0) as usize,
                },
                outlets: BTreeMap::new(),
            });
        }
        if out.is_empty() {
            return Ok(());
        }
        let ids: Vec<Val> = out.iter().map(|a| a.actor.id.as_str().into()).collect();
        let sql = format!(
            "SELECT k.identity, a.outlet, SUM(e.mentions) FROM entities e
             JOIN identity_keys k ON k.key = e.key JOIN articles a ON a.id = e.article_id
             WHERE k.identity IN ({}) GROUP BY k.identity, a.outlet",
            marks(1, ids.len())
        );
        for r in db.query(&sql, &ids)? {
            let mut it = r.into_iter();
            let id = it.next().unwrap_or(Val::Null).text()?;
            let outlet = it.next().unwrap_or(Val::Null).text()?;
            let n = it.next().unwrap_or(Val::Null).int()?;
            if let Some(a) = out.iter_mut().find(|a| a.actor.id == id) {
                a.outlets.insert(outlet, n.max(0) as usize);
            }
        }
        Ok(())
    })?;
    Ok(out)
}

/// Matches of a search per outlet and per month of publication ("undated" for
/// articles without a date).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Facets {
    /// Matches in all.
    pub total: usize,
    /// Matches counted (all of them, unless more than [`FACET_LIMIT`]).
    pub counted: usize,
    /// Outlet name -> matches.
    pub outlets: BTreeMap<String, usize>,
    /// "YYYY-MM" (or "undated") -> matches.
    pub months: BTreeMap<String, usize>,
}

/// Matches a facet count reads at most (the best-ranked first).
pub const FACET_LIMIT: usize = 2000;

/// The facets of `q` (its limit and offset ignored): every match, up to
/// [`FACET_LIMIT`], counted by outlet and by month.
pub fn search_facets(lib: &dyn Library, q: &SearchQuery) -> Result<Facets> {
    let mut f = Facets::default();
    let mut page = q.clone();
    page.limit = 200;
    page.offset = 0;
    loop {
        let r = lib.search(&page)?;
        f.total = r.total;
        let n = r.hits.len();
        for h in r.hits {
            *f.outlets.entry(h.outlet).or_default() += 1;
            let month = h
                .published
                .as_deref()
                .and_then(|d| d.get(..7))
                .unwrap_or("undated")
                .to_string();
            *f.months.entry(month).or_default() += 1;
        }
        f.counted += n;
        page.offset += n;
        if n == 0 || page.offset >= r.total || page.offset >= FACET_LIMIT {
            break;
        }
    }
    Ok(f)
}

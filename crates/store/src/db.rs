//! One SQL dialect for the parts of the library written once for both backends
//! (the incremental stories, the feed watcher's state): statements with numbered
//! `$1` placeholders and values of a few plain types, run inside a transaction the
//! backend opened. SQLite reads `$N` as `?N`; PostgreSQL gets each value as the
//! type its statement expects (an integer column of 4 bytes an `i32`, of 8 an
//! `i64`), so callers never spell types per backend.

use std::collections::HashMap;

use crate::{Result, StoreError};

/// A value passed to or read from a statement.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    /// SQL NULL.
    Null,
    /// An integer.
    Int(i64),
    /// A float.
    Real(f64),
    /// Text.
    Text(String),
    /// Bytes.
    Blob(Vec<u8>),
}

impl Val {
    /// The integer, or an error naming what was found instead.
    pub fn int(&self) -> Result<i64> {
        match self {
            Val::Int(i) => Ok(*i),
            other => Err(StoreError::Corrupt(format!(
                "expected an integer, found {other:?}"
            ))),
        }
    }

    /// The integer, none for NULL.
    pub fn opt_int(&self) -> Result<Option<i64>> {
        match self {
            Val::Null => Ok(None),
            v => v.int().map(Some),
        }
    }

    /// The text, or an error naming what was found instead.
    pub fn text(self) -> Result<String> {
        match self {
            Val::Text(s) => Ok(s),
            other => Err(StoreError::Corrupt(format!(
                "expected text, found {other:?}"
            ))),
        }
    }

    /// The text, none for NULL.
    pub fn opt_text(self) -> Result<Option<String>> {
        match self {
            Val::Null => Ok(None),
            v => v.text().map(Some),
        }
    }

    /// The bytes, or an error naming what was found instead.
    pub fn blob(self) -> Result<Vec<u8>> {
        match self {
            Val::Blob(b) => Ok(b),
            other => Err(StoreError::Corrupt(format!(
                "expected bytes, found {other:?}"
            ))),
        }
    }
}

impl From<i64> for Val {
    fn from(v: i64) -> Self {
        Val::Int(v)
    }
}

impl From<&str> for Val {
    fn from(v: &str) -> Self {
        Val::Text(v.to_string())
    }
}

impl From<String> for Val {
    fn from(v: String) -> Self {
        Val::Text(v)
    }
}

impl From<Option<String>> for Val {
    fn from(v: Option<String>) -> Self {
        v.map_or(Val::Null, Val::Text)
    }
}

impl From<Option<i64>> for Val {
    fn from(v: Option<i64>) -> Self {
        v.map_or(Val::Null, Val::Int)
    }
}

impl From<Vec<u8>> for Val {
    fn from(v: Vec<u8>) -> Self {
        Val::Blob(v)
    }
}

/// Which database a [`Db`] talks to, for the rare statement that differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// SQLite.
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

/// An open transaction: statements run in it and commit with it.
pub trait Db {
    /// Which database this is.
    fn backend(&self) -> Backend;
    /// Runs a statement; the number of rows it changed.
    fn exec(&mut self, sql: &str, args: &[Val]) -> Result<u64>;
    /// Runs a query; every row, each a value per column.
    fn query(&mut self, sql: &str, args: &[Val]) -> Result<Vec<Vec<Val>>>;
    /// The first row, if any.
    fn row(&mut self, sql: &str, args: &[Val]) -> Result<Option<Vec<Val>>> {
        Ok(self.query(sql, args)?.into_iter().next())
    }
}

/// `$N` placeholders as SQLite's `?N` (statements here never hold `$` in a literal).
fn sqlite_sql(sql: &str) -> std::borrow::Cow<'_, str> {
    if sql.contains('$') {
        std::borrow::Cow::Owned(sql.replace('$', "?"))
    } else {
        std::borrow::Cow::Borrowed(sql)
    }
}

impl rusqlite::ToSql for Val {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef};
        Ok(ToSqlOutput::Borrowed(match self {
            Val::Null => ValueRef::Null,
            Val::Int(i) => ValueRef::Integer(*i),
            Val::Real(r) => ValueRef::Real(*r),
            Val::Text(s) => ValueRef::Text(s.as_bytes()),
            Val::Blob(b) => ValueRef::Blob(b),
        }))
    }
}

/// A SQLite transaction (or connection) as a [`Db`].
pub struct SqliteDb<'a>(pub &'a rusqlite::Connection);

impl Db for SqliteDb<'_> {
    fn backend(&self) -> Backend {
        Backend::Sqlite
    }

    fn exec(&mut self, sql: &str, args: &[Val]) -> Result<u64> {
        let mut st = self.0.prepare_cached(&sqlite_sql(sql))?;
        Ok(st.execute(rusqlite::params_from_iter(args.iter()))? as u64)
    }

    fn query(&mut self, sql: &str, args: &[Val]) -> Result<Vec<Vec<Val>>> {
        use rusqlite::types::ValueRef;
        let mut st = self.0.prepare_cached(&sqlite_sql(sql))?;
        let cols = st.column_count();
        let mut rows = st.query(rusqlite::params_from_iter(args.iter()))?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let mut row = Vec::with_capacity(cols);
            for i in 0..cols {
                row.push(match r.get_ref(i)? {
                    ValueRef::Null => Val::Null,
                    ValueRef::Integer(i) => Val::Int(i),
                    ValueRef::Real(f) => Val::Real(f),
                    ValueRef::Text(t) => Val::Text(String::from_utf8_lossy(t).into_owned()),
                    ValueRef::Blob(b) => Val::Blob(b.to_vec()),
                });
            }
            out.push(row);
        }
        Ok(out)
    }
}

/// A PostgreSQL transaction as a [`Db`], its statements prepared once each.
pub struct PgDb<'a, 'b> {
    /// The transaction.
    pub tx: &'a mut postgres::Transaction<'b>,
    prepared: HashMap<String, postgres::Statement>,
}

impl<'a, 'b> PgDb<'a, 'b> {
    /// Wraps `tx`.
    pub fn new(tx: &'a mut postgres::Transaction<'b>) -> Self {
        PgDb {
            tx,
            prepared: HashMap::new(),
        }
    }

    fn statement(&mut self, sql: &str) -> Result<postgres::Statement> {
        if let Some(s) = self.prepared.get(sql) {
            return Ok(s.clone());
        }
        let s = self.tx.prepare(sql)?;
        self.prepared.insert(sql.to_string(), s.clone());
        Ok(s)
    }
}

type PgArg = Box<dyn postgres::types::ToSql + Sync>;

/// `v` as the type PostgreSQL expects for a parameter of type `ty`.
fn pg_arg(v: &Val, ty: &postgres::types::Type) -> Result<PgArg> {
    use postgres::types::Type;
    let mismatch = || StoreError::Query(format!("value {v:?} for a parameter of type {ty}"));
    Ok(match (v, ty) {
        (Val::Null, &Type::INT2) => Box::new(None::<i16>),
        (Val::Null, &Type::INT4) => Box::new(None::<i32>),
        (Val::Null, &Type::INT8) => Box::new(None::<i64>),
        (Val::Null, &Type::FLOAT4) => Box::new(None::<f32>),
        (Val::Null, &Type::FLOAT8) => Box::new(None::<f64>),
        (Val::Null, &Type::BYTEA) => Box::new(None::<Vec<u8>>),
        (Val::Null, _) => Box::new(None::<String>),
        (Val::Int(i), &Type::INT2) => Box::new(i16::try_from(*i).map_err(|_| mismatch())?),
        (Val::Int(i), &Type::INT4) => Box::new(i32::try_from(*i).map_err(|_| mismatch())?),
        (Val::Int(i), &Type::INT8) => Box::new(*i),
        (Val::Int(i), &Type::FLOAT8) => Box::new(*i as f64),
        (Val::Int(i), &Type::BOOL) => Box::new(*i != 0),
        (Val::Real(r), &Type::FLOAT4) => Box::new(*r as f32),
        (Val::Real(r), &Type::FLOAT8) => Box::new(*r),
        (Val::Text(s), _)
            if matches!(*ty, Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME) =>
        {
            Box::new(s.clone())
        }
        (Val::Blob(b), &Type::BYTEA) => Box::new(b.clone()),
        _ => return Err(mismatch()),
    })
}

fn pg_value(row: &postgres::Row, i: usize) -> Result<Val> {
    use postgres::types::Type;
    let ty = row.columns()[i].type_();
    Ok(match *ty {
        Type::INT2 => row
            .try_get::<_, Option<i16>>(i)?
            .map_or(Val::Null, |v| Val::Int(v.into())),
        Type::INT4 => row
            .try_get::<_, Option<i32>>(i)?
            .map_or(Val::Null, |v| Val::Int(v.into())),
        Type::INT8 => row
            .try_get::<_, Option<i64>>(i)?
            .map_or(Val::Null, Val::Int),
        Type::BOOL => row
            .try_get::<_, Option<bool>>(i)?
            .map_or(Val::Null, |v| Val::Int(v.into())),
        Type::FLOAT4 => row
            .try_get::<_, Option<f32>>(i)?
            .map_or(Val::Null, |v| Val::Real(v.into())),
        Type::FLOAT8 => row
            .try_get::<_, Option<f64>>(i)?
            .map_or(Val::Null, Val::Real),
        Type::BYTEA => row
            .try_get::<_, Option<Vec<u8>>>(i)?
            .map_or(Val::Null, Val::Blob),
        Type::NUMERIC => {
            return Err(StoreError::Query(format!(
                "column {} is numeric; cast it to bigint",
                row.columns()[i].name()
            )));
        }
        _ => row
            .try_get::<_, Option<String>>(i)?
            .map_or(Val::Null, Val::Text),
    })
}

impl Db for PgDb<'_, '_> {
    fn backend(&self) -> Backend {
        Backend::Postgres
    }

    fn exec(&mut self, sql: &str, args: &[Val]) -> Result<u64> {
        let st = self.statement(sql)?;
        let boxed: Vec<PgArg> = args
            .iter()
            .zip(st.params())
            .map(|(v, ty)| pg_arg(v, ty))
            .collect::<Result<_>>()?;
        let refs: Vec<&(dyn postgres::types::ToSql + Sync)> =
            boxed.iter().map(|b| b.as_ref()).collect();
        Ok(self.tx.execute(&st, &refs)?)
    }

    fn query(&mut self, sql: &str, args: &[Val]) -> Result<Vec<Vec<Val>>> {
        let st = self.statement(sql)?;
        let boxed: Vec<PgArg> = args
            .iter()
            .zip(st.params())
            .map(|(v, ty)| pg_arg(v, ty))
            .collect::<Result<_>>()?;
        let refs: Vec<&(dyn postgres::types::ToSql + Sync)> =
            boxed.iter().map(|b| b.as_ref()).collect();
        let rows = self.tx.query(&st, &refs)?;
        rows.iter()
            .map(|r| (0..r.len()).map(|i| pg_value(r, i)).collect())
            .collect()
    }
}

/// `$from, $from+1, …` for `n` values: the placeholders of an `IN (…)` list.
pub fn marks(from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_reads_numbered_placeholders_in_any_order() {
        let c = rusqlite::Connection::open_in_memory().unwrap();
        let mut db = SqliteDb(&c);
        db.exec("CREATE TABLE t(a INTEGER, b TEXT, c BLOB)", &[])
            .unwrap();
        db.exec(
            "INSERT INTO t(b, a, c) VALUES ($2, $1, $3)",
            &[Val::Int(7), "seven".into(), Val::Blob(vec![1, 2])],
        )
        .unwrap();
        let r = db
            .row(
                "SELECT a, b, c FROM t WHERE a = $1 AND b = $2",
                &[Val::Int(7), "seven".into()],
            )
            .unwrap()
            .unwrap();
        assert_eq!(
            r,
            vec![
                Val::Int(7),
                Val::Text("seven".into()),
                Val::Blob(vec![1, 2])
            ]
        );
        assert_eq!(marks(2, 3), "$2, $3, $4");
    }
}

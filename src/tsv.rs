//! The one reader for khabar's data files (documented in `gazetteers/README.md`): `#` comments,
//! a header line naming the columns, tab-separated rows. Errors name `file:line`.

use std::collections::HashMap;

use crate::error::Error;

/// A parsed data file: header plus rows, each row with its 1-based line number.
pub(crate) struct Table<'a> {
    file: &'a str,
    columns: HashMap<&'a str, usize>,
    rows: Vec<(usize, Vec<&'a str>)>,
}

/// One row of a [`Table`], with accessors that produce `file:line` errors.
pub(crate) struct Row<'t, 'a> {
    table: &'t Table<'a>,
    /// 1-based line number in the file.
    pub line: usize,
    cells: &'t [&'a str],
}

impl<'a> Table<'a> {
    /// Parses `content`; `file` names it in errors. `required` columns must be in the header.
    pub fn parse(file: &'a str, content: &'a str, required: &[&str]) -> Result<Self, Error> {
        let mut columns = HashMap::new();
        let mut rows = Vec::new();
        let mut header_seen = false;
        for (i, raw) in content.split('\n').enumerate() {
            let line = i + 1;
            let text = raw.strip_suffix('\r').unwrap_or(raw);
            let text = if line == 1 { text.trim_start_matches('\u{FEFF}') } else { text };
            if text.trim().is_empty() || text.starts_with('#') {
                continue;
            }
            let cells: Vec<&str> = text.split('\t').map(str::trim).collect();
            if !header_seen {
                if !text.contains('\t') && text.contains(',') {
                    return Err(Error::data(
                        file,
                        line,
                        format!(
                            "the header {:?} has commas but no tabs: columns are tab-separated (see gazetteers/README.md; a CSV file converts with e.g. `python3 -c \"import csv,sys; csv.writer(sys.stdout, delimiter='\\t').writerows(csv.reader(sys.stdin))\" < in.csv > out.tsv`)",
                            text.trim()
                        ),
                    ));
                }
                for (idx, name) in cells.iter().enumerate() {
                    if columns.insert(*name, idx).is_some() {
                        return Err(Error::data(file, line, format!("duplicate column {name:?} in header")));
                    }
                }
                for r in required {
                    if !columns.contains_key(r) {
                        return Err(Error::data(
                            file,
                            line,
                            format!("header lacks required column {r:?} (has: {})", cells.join(", ")),
                        ));
                    }
                }
                header_seen = true;
                continue;
            }
            if cells.len() > columns.len() {
                return Err(Error::data(
                    file,
                    line,
                    format!("{} cells but the header has {} columns", cells.len(), columns.len()),
                ));
            }
            rows.push((line, cells));
        }
        if !header_seen {
            return Err(Error::data(file, 0, "no header line (expected tab-separated column names)"));
        }
        Ok(Table { file, columns, rows })
    }

    /// The rows in file order.
    pub fn rows(&self) -> impl Iterator<Item = Row<'_, 'a>> {
        self.rows.iter().map(move |(line, cells)| Row { table: self, line: *line, cells })
    }
}

impl<'t, 'a> Row<'t, 'a> {
    /// The cell of `column`, or "" when the column is absent or the row is short.
    pub fn get(&self, column: &str) -> &'a str {
        self.table.columns.get(column).and_then(|&i| self.cells.get(i)).copied().unwrap_or("")
    }

    /// The cell of a required column; empty is an error.
    pub fn required(&self, column: &str) -> Result<&'a str, Error> {
        let v = self.get(column);
        if v.is_empty() {
            if self.table.columns.get(column).is_some_and(|&i| i >= self.cells.len()) {
                return Err(self.error(format!("missing column {column:?} (row has {} cells)", self.cells.len())));
            }
            return Err(self.error(format!("empty required column {column:?}")));
        }
        Ok(v)
    }

    /// An optional cell as `Some` when non-empty.
    pub fn opt(&self, column: &str) -> Option<&'a str> {
        Some(self.get(column)).filter(|s| !s.is_empty())
    }

    /// `|`-separated values of a cell, trimmed, empties skipped.
    pub fn list(&self, column: &str) -> impl Iterator<Item = &'a str> {
        self.get(column).split('|').map(str::trim).filter(|s| !s.is_empty())
    }

    /// An optional `YYYY-MM-DD` cell.
    pub fn date(&self, column: &str) -> Result<Option<chrono::NaiveDate>, Error> {
        match self.opt(column) {
            None => Ok(None),
            Some(s) => crate::error::parse_date(s).map(Some).map_err(|e| self.error(format!("column {column:?}: {e}"))),
        }
    }

    /// An optional number cell.
    pub fn number<T: std::str::FromStr>(&self, column: &str) -> Result<Option<T>, Error> {
        match self.opt(column) {
            None => Ok(None),
            Some(s) => s.parse().map(Some).map_err(|_| self.error(format!("column {column:?}: not a number: {s:?}"))),
        }
    }

    /// An error located at this row.
    pub fn error(&self, message: impl std::fmt::Display) -> Error {
        Error::data(self.table.file, self.line, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comma_separated_header_gets_a_hint() {
        let csv = "# my places\nalias,type,name\nحلب,LOC,Aleppo\n";
        let e = Table::parse("places.csv", csv, &["alias", "type"]).err().expect("a CSV header is an error");
        let m = e.to_string();
        assert!(m.starts_with("places.csv:2: the header \"alias,type,name\" has commas but no tabs: columns are tab-separated"), "{m}");
        // A tab-separated header whose names hold no comma parses as before.
        let t = Table::parse("places.tsv", "alias\ttype\nحلب\tLOC\n", &["alias", "type"]).unwrap();
        assert_eq!(t.rows().next().unwrap().get("type"), "LOC");
    }
}

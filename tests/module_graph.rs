//! No import cycles between the crate's top-level modules: each stage depends only on the
//! ones before it. Reads the `crate::…` paths of `src/**/*.rs` (tests inside a file are
//! left out) and fails on any group of modules that reach each other, naming a cycle.
//! Names the crate root re-exports (`pub use m::…` in lib.rs) count as their module.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// Cycles tolerated for now, each as the modules it joins (sorted). None are left (issue
/// 11 took the last apart); a cycle added here must be taken apart, then deleted here.
const KNOWN_CYCLES: &[&[&str]] = &[];

type Graph = BTreeMap<String, BTreeSet<String>>;

/// The top-level module a source file belongs to (`src/search/shard.rs` → `search`).
fn module_of(rel: &Path) -> Option<String> {
    let first = rel.iter().next()?.to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (name != "lib" && name != "main").then(|| name.to_string())
}

/// The code of a file without its comments and its `#[cfg(test)] mod tests`.
fn code(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => text,
    };
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first name of every path after `crate::`, including each item of `crate::{a, b::c}`.
fn crate_names(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let end = group
                .char_indices()
                .find(|&(_, c)| {
                    depth += match c {
                        '{' => 1,
                        '}' => -1,
                        _ => 0,
                    };
                    depth == 0
                })
                .map_or(group.len(), |(i, _)| i);
            let mut depth = 0;
            let mut item = String::new();
            for c in group[..end].chars().chain([',']) {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        out.push(ident(&item));
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                item.push(c);
            }
        } else {
            out.push(ident(rest));
        }
    }
    out.retain(|n| !n.is_empty());
    out
}

fn ident(s: &str) -> String {
    s.trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// Names lib.rs re-exports, with the module each comes from.
fn reexports(lib: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for line in code(lib).lines() {
        let Some(path) = line.trim().strip_prefix("pub use ") else {
            continue;
        };
        let module = ident(path);
        let items = path.split_once('{').map_or(path, |(_, i)| i);
        for name in items.split([',', '}', ';', ':']).map(|n| ident(n.trim())) {
            if !name.is_empty() && name != module {
                out.insert(name, module.clone());
            }
        }
    }
    out
}

fn graph(src: &Path) -> Graph {
    let lib = fs::read_to_string(src.join("lib.rs")).unwrap();
    let aliases = reexports(&lib);
    let mut files = Vec::new();
    for e in walkdir::WalkDir::new(src)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = e.path().strip_prefix(src).unwrap().to_path_buf();
        if e.path().extension().is_some_and(|x| x == "rs")
            && let Some(m) = module_of(&rel)
        {
            files.push((m, fs::read_to_string(e.path()).unwrap()));
        }
    }
    let modules: BTreeSet<String> = files.iter().map(|(m, _)| m.clone()).collect();
    let mut g: Graph = modules
        .iter()
        .map(|m| (m.clone(), BTreeSet::new()))
        .collect();
    for (m, text) in &files {
        for name in crate_names(&code(text)) {
            let target = if modules.contains(&name) {
                Some(name)
            } else {
                aliases.get(&name).cloned()
            };
            if let Some(t) = target.filter(|t| t != m) {
                g.get_mut(m).unwrap().insert(t);
            }
        }
    }
    g
}

/// Groups of two or more modules that all reach each other (strongly connected), sorted.
fn cycles(g: &Graph) -> Vec<Vec<String>> {
    let reach = |from: &str| -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.to_string()];
        while let Some(m) = todo.pop() {
            for n in &g[&m] {
                if seen.insert(n.clone()) {
                    todo.push(n.clone());
                }
            }
        }
        seen
    };
    let reached: BTreeMap<&String, BTreeSet<String>> = g.keys().map(|m| (m, reach(m))).collect();
    let mut groups = BTreeSet::new();
    for m in g.keys() {
        let group: Vec<String> = g
            .keys()
            .filter(|n| reached[m].contains(*n) && reached[*n].contains(m))
            .cloned()
            .collect();
        if group.len() > 1 {
            groups.insert(group);
        }
    }
    groups.into_iter().collect()
}

/// One cycle through `group`'s first module, as `a → b → … → a`.
fn a_cycle(g: &Graph, group: &[String]) -> String {
    let start = &group[0];
    let mut path = vec![start.clone()];
    let mut seen = BTreeSet::new();
    fn walk(
        g: &Graph,
        group: &[String],
        start: &str,
        path: &mut Vec<String>,
        seen: &mut BTreeSet<String>,
    ) -> bool {
        let here = path.last().unwrap().clone();
        for n in g[&here].iter().filter(|n| group.contains(n)) {
            if n == start {
                path.push(n.clone());
                return true;
            }
            if seen.insert(n.clone()) {
                path.push(n.clone());
                if walk(g, group, start, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    walk(g, group, start, &mut path, &mut seen);
    path.join(" → ")
}

#[test]
fn top_level_modules_have_no_import_cycles() {
    let g = graph(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    let found = cycles(&g);
    let known: Vec<Vec<String>> = KNOWN_CYCLES
        .iter()
        .map(|c| c.iter().map(|m| m.to_string()).collect())
        .collect();
    let new: Vec<String> = found
        .iter()
        .filter(|c| !known.contains(c))
        .map(|c| a_cycle(&g, c))
        .collect();
    assert!(
        new.is_empty(),
        "import cycles between modules (a module may only use the ones before it in the pipeline; move the shared piece into its own module or pass it in):\n{}",
        new.join("\n")
    );
    let gone: Vec<&Vec<String>> = known.iter().filter(|c| !found.contains(c)).collect();
    assert!(
        gone.is_empty(),
        "these known cycles are gone: delete them from KNOWN_CYCLES in tests/module_graph.rs: {gone:?}"
    );
}

#[test]
fn finds_a_cycle_and_reads_grouped_paths() {
    assert_eq!(
        crate_names("use crate::{a, b::{C, D}, e::f};\nlet x = crate::g::h();"),
        ["a", "b", "e", "g"]
    );
    let g: Graph = [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]
        .iter()
        .fold(Graph::new(), |mut g, (x, y)| {
            g.entry(x.to_string()).or_default().insert(y.to_string());
            g.entry(y.to_string()).or_default();
            g
        });
    assert_eq!(cycles(&g), [["a", "b", "c"]]);
    assert_eq!(a_cycle(&g, &cycles(&g)[0]), "a → b → c → a");
    assert_eq!(
        reexports("pub use error::{BuildError, Error};\npub use pipeline::build;"),
        [
            ("BuildError".to_string(), "error".to_string()),
            ("Error".to_string(), "error".to_string()),
            ("build".to_string(), "pipeline".to_string())
        ]
        .into_iter()
        .collect()
    );
}

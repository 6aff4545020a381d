//! Two things the build needs besides rustc:
//! - The app's wasm is linked with its relocations kept: scripts/split reads them to cut it at its
//!   split points (src/main.rs). Only the app: the to_thread worker and the tests are not split.
//! - The interface's words (`t!("中文", "English")`, every call in src/) are written out as one
//!   file per language, which the page fetches for its language alone (src/lesson/words.rs): the
//!   wasm keeps only an index per text. Into OUT_DIR: `words.rs` (each text's key and index, the
//!   files' names), and `words/zh-<id>.txt`, `words/en-<id>.txt`, which scripts/split copies into
//!   the site. The id is a hash of every text: a new build's files never meet an old build's wasm
//!   in a cache.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use proc_macro2::{Delimiter, TokenStream, TokenTree};

#[path = "src/lesson/words_key.rs"]
mod words_key;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src");
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-bin=coroutine-playground=--emit-relocs");
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    write_words(&collect_texts(Path::new("src")), &out);
}

/// Every `t!(zh, en)` in the `.rs` files under `dir`, in the order of their files' paths and of
/// their places in them, each pair once. `t!` is found in the files' tokens, so also inside
/// `html!` and other macros' input; comments and strings are not tokens.
fn collect_texts(dir: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    rust_files(dir, &mut files);
    files.sort();
    let mut texts = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let tokens = TokenStream::from_str(&source).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        find_calls(tokens, &file, &mut texts);
    }
    let mut seen = std::collections::HashSet::new();
    texts.retain(|pair| seen.insert(pair.clone()));
    texts
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

fn find_calls(tokens: TokenStream, file: &Path, texts: &mut Vec<(String, String)>) {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    for (i, tree) in tokens.iter().enumerate() {
        let TokenTree::Group(group) = tree else { continue };
        let is_t = i >= 2
            && group.delimiter() == Delimiter::Parenthesis
            && matches!(&tokens[i - 2], TokenTree::Ident(name) if name == "t")
            && matches!(&tokens[i - 1], TokenTree::Punct(bang) if bang.as_char() == '!');
        if is_t {
            texts.push(text_pair(group.stream(), file));
        } else {
            find_calls(group.stream(), file, texts);
        }
    }
}

/// The two string literals of one `t!(…)`; anything else stops the build, since the words file
/// would miss it.
fn text_pair(args: TokenStream, file: &Path) -> (String, String) {
    let mut literals = Vec::new();
    let mut expect_comma = false;
    for tree in args.clone() {
        match tree {
            TokenTree::Punct(comma) if expect_comma && comma.as_char() == ',' => expect_comma = false,
            TokenTree::Literal(literal) if !expect_comma => {
                let literal: syn::LitStr = syn::parse2(TokenTree::Literal(literal).into())
                    .unwrap_or_else(|e| panic!("{}: t!({args}): {e}", file.display()));
                literals.push(literal.value());
                expect_comma = true;
            }
            _ => panic!("{}: t!({args}): t! takes two string literals, Chinese then English", file.display()),
        }
    }
    let [zh, en]: [String; 2] =
        literals.try_into().unwrap_or_else(|_| panic!("{}: t!({args}): t! takes two string literals", file.display()));
    for text in [&zh, &en] {
        assert!(!text.contains('\n'), "{}: t!({args}): a words file has one text a line", file.display());
    }
    (zh, en)
}

fn write_words(texts: &[(String, String)], out: &Path) {
    let mut keys: Vec<(u64, usize)> =
        texts.iter().enumerate().map(|(index, (zh, en))| (words_key::key(zh, en), index)).collect();
    keys.sort_unstable();
    for pair in keys.windows(2) {
        assert_ne!(pair[0].0, pair[1].0, "two texts have one key: {:?} and {:?}", texts[pair[0].1], texts[pair[1].1]);
    }
    assert!(texts.len() <= usize::from(u16::MAX), "more texts than a u16 counts");
    let zh: Vec<&str> = texts.iter().map(|(zh, _)| zh.as_str()).collect();
    let en: Vec<&str> = texts.iter().map(|(_, en)| en.as_str()).collect();
    let id = format!("{:016x}", words_key::key(&zh.join("\n"), &en.join("\n")));
    let dir = out.join("words");
    std::fs::create_dir_all(&dir).expect("OUT_DIR is writable");
    let mut files = Vec::new();
    for (lang, words) in [("zh", &zh), ("en", &en)] {
        let name = format!("{lang}-{id}.txt");
        // The id first, so that the page can tell a file of another build.
        let path = dir.join(&name);
        std::fs::write(&path, format!("{id}\n{}\n", words.join("\n"))).expect("OUT_DIR is writable");
        files.push((format!("words/{name}"), path));
    }
    let mut rust = String::from("// Written by build.rs from every t! in src/.\n");
    writeln!(rust, "/// Each text's key and its index in the words files, sorted by key.").unwrap();
    writeln!(rust, "const KEYS: [(u64, u16); {}] = [", keys.len()).unwrap();
    for (key, index) in &keys {
        writeln!(rust, "    ({key:#018x}, {index}),").unwrap();
    }
    writeln!(rust, "];").unwrap();
    writeln!(rust, "/// The first line of this build's words files.").unwrap();
    writeln!(rust, "const ID: &str = {id:?};").unwrap();
    writeln!(rust, "/// The files as the site serves them, Chinese then English.").unwrap();
    writeln!(rust, "const PATHS: [&str; 2] = [{:?}, {:?}];", files[0].0, files[1].0).unwrap();
    writeln!(rust, "/// The same files, for the tests (natively, and in the browser without a site).").unwrap();
    writeln!(rust, "#[allow(dead_code)]").unwrap();
    writeln!(
        rust,
        "const COMPILED_IN: [&str; 2] = [include_str!({:?}), include_str!({:?})];",
        files[0].1.display(),
        files[1].1.display()
    )
    .unwrap();
    std::fs::write(out.join("words.rs"), rust).expect("OUT_DIR is writable");
}

//! The AWS shared files read as botocore 1.44.8 reads them: for every file of the corpus
//! in tests/data/aws-files/, presign's parser finds the same sections, profiles and
//! values as botocore's `raw_config_parse` and `build_profile_map`
//! (tests/golden/aws_files.jsonl, made by tests/golden/aws_files.py), and refuses the
//! same files.

use presign::files::{IniFile, IniSection};
use serde_json::{Map, Value, json};
use std::path::Path;

fn values(section: IniSection<'_>) -> Value {
    let map: Map<String, Value> = section
        .entries()
        .into_iter()
        .map(|(k, v)| (k, json!(v)))
        .collect();
    Value::Object(map)
}

/// What presign reads from a file, in the golden file's shape.
fn presign_view(name: &str, text: &str) -> Value {
    let Ok(ini) = IniFile::parse(name, text) else {
        return json!({"file": name, "error": true});
    };
    let sections: Map<String, Value> = ini
        .sections()
        .map(|s| (s.name().to_owned(), values(s)))
        .collect();
    let profiles: Map<String, Value> = ini
        .profile_names()
        .into_iter()
        .map(|p| {
            let view = values(ini.profile(&p).unwrap());
            (p, view)
        })
        .collect();
    json!({"file": name, "sections": sections, "profiles": profiles})
}

#[test]
fn presign_reads_every_corpus_file_as_botocore_does() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let golden = std::fs::read_to_string(root.join("tests/golden/aws_files.jsonl")).unwrap();
    let mut checked = 0;
    let mut differences = Vec::new();
    for line in golden.lines() {
        let expected: Value = serde_json::from_str(line).unwrap();
        let name = expected["file"].as_str().unwrap();
        let text = std::fs::read_to_string(root.join("tests/data/aws-files").join(name)).unwrap();
        let got = presign_view(name, &text);
        if got != expected {
            differences.push(format!(
                "{name}:\n  botocore: {expected}\n  presign:  {got}"
            ));
        }
        checked += 1;
    }
    let corpus = std::fs::read_dir(root.join("tests/data/aws-files"))
        .unwrap()
        .count();
    assert_eq!(checked, corpus, "regenerate tests/golden/aws_files.jsonl");
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

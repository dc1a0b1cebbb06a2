//! The HTML page `presign post -o html` writes: one self-contained file (no external
//! script, font or style) with a file picker and an upload button, that works with
//! JavaScript off and says what the form accepts. Every value it shows is escaped.

use crate::cli::commands::post::{content_type_prefix, human_size};
use presign::Target;
use presign::post::{ContentTypeRule, FILENAME_PLACEHOLDER, PostForm, PostPolicy};

/// `text` safe inside HTML text and double-quoted attributes.
fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const PAGE_STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:40em;margin:2em auto;padding:0 1em;color:#222}\
h1{font-size:1.4em}dl{display:grid;grid-template-columns:max-content auto;gap:.3em 1em}\
dt{font-weight:bold}dd{margin:0;overflow-wrap:anywhere}\
fieldset{border:1px solid #bbb;border-radius:6px;padding:1em}\
label{display:block;margin:.6em 0 .2em}input[type=text]{width:100%;box-sizing:border-box}\
button{margin-top:1em;font-size:1.1em;padding:.4em 1.4em}\
#check{color:#a00}small{color:#555}";

/// Fills in the `Content-Type` field (and a `${filename}` key) from the chosen file and
/// warns about a file the policy will refuse; the form works without it.
const PAGE_SCRIPT: &str = r#"(function () {
  var form = document.getElementById("upload");
  var file = document.getElementById("file");
  var type = document.getElementById("content-type");
  var key = form.elements["key"];
  var check = document.getElementById("check");
  file.addEventListener("change", function () {
    var f = file.files[0];
    check.textContent = "";
    if (!f) return;
    if (type) type.value = f.type || type.value;
    if (key.dataset.prefix !== undefined) key.value = key.dataset.prefix + f.name;
    var problems = [];
    var max = Number(form.dataset.max), min = Number(form.dataset.min);
    if (form.dataset.max && f.size > max) problems.push("it is larger than the limit");
    if (form.dataset.min && f.size < min) problems.push("it is smaller than the minimum");
    var want = form.dataset.typePrefix;
    if (want !== undefined && type && type.value.indexOf(want) !== 0)
      problems.push("its type is not accepted");
    if (problems.length) check.textContent = "The server will refuse this file: " + problems.join("; ") + ".";
  });
})();"#;

/// One self-contained page: the form posts straight to the bucket (a plain form submit
/// is not subject to CORS), and everything it shows is escaped.
pub fn html(form: &PostForm, policy: &PostPolicy, target: Target<'_>) -> String {
    let e = escape_html;
    let key = target.key();
    let template = key.strip_suffix(FILENAME_PLACEHOLDER);
    let mut facts: Vec<(&str, String)> = vec![("Bucket", e(target.bucket()))];
    facts.push(match template {
        Some(prefix) => (
            "Saved as",
            format!("<code>{}</code> followed by the file's name", e(prefix)),
        ),
        None => ("Saved as", format!("<code>{}</code>", e(key))),
    });
    if let Some((min, max)) = policy.size {
        let text = if min == 0 {
            format!("at most {}", human_size(max))
        } else {
            format!("from {} to {}", human_size(min), human_size(max))
        };
        facts.push(("Size", text));
    }
    facts.push((
        "Type",
        match &policy.content_type {
            None => "any".to_owned(),
            Some(ContentTypeRule::StartsWith(p)) if p.is_empty() => "any".to_owned(),
            Some(ContentTypeRule::StartsWith(p)) => {
                format!("<code>{}</code>…", e(p))
            }
            Some(ContentTypeRule::Exact(t)) => format!("<code>{}</code> only", e(t)),
        },
    ));
    facts.push((
        "Works until",
        format!(
            "<time datetime=\"{0}\">{1}</time>",
            form.expiration.format("%Y-%m-%dT%H:%M:%SZ"),
            form.expiration.format("%Y-%m-%d %H:%M UTC")
        ),
    ));

    let mut data = String::new();
    if let Some((min, max)) = policy.size {
        data.push_str(&format!(" data-min=\"{min}\" data-max=\"{max}\""));
    }
    if let Some(prefix) = content_type_prefix(policy) {
        data.push_str(&format!(" data-type-prefix=\"{}\"", e(prefix)));
    }

    let mut page = String::with_capacity(4096);
    page.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    page.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    page.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    page.push_str(&format!(
        "<title>Upload a file to {}</title>\n<style>{PAGE_STYLE}</style>\n</head>\n<body>\n",
        e(target.bucket())
    ));
    page.push_str(&format!(
        "<h1>Upload a file to {}</h1>\n<dl>\n",
        e(target.bucket())
    ));
    for (name, value) in &facts {
        page.push_str(&format!("<dt>{name}</dt><dd>{value}</dd>\n"));
    }
    page.push_str("</dl>\n");
    page.push_str(&format!(
        "<form id=\"upload\" method=\"post\" action=\"{}\" enctype=\"multipart/form-data\"{data}>\n<fieldset>\n",
        e(&form.url)
    ));
    for (name, value) in &form.fields {
        let prefix_attr = match (name.as_str(), template) {
            ("key", Some(prefix)) => format!(" data-prefix=\"{}\"", e(prefix)),
            _ => String::new(),
        };
        page.push_str(&format!(
            "<input type=\"hidden\" name=\"{}\" value=\"{}\"{prefix_attr}>\n",
            e(name),
            e(value)
        ));
    }
    if let Some(prefix) = content_type_prefix(policy) {
        let rule = if prefix.is_empty() {
            "any type".to_owned()
        } else {
            format!("must start with <code>{}</code>", e(prefix))
        };
        page.push_str(&format!(
            "<label for=\"content-type\">Content type <small>({rule}; filled in from the file)</small></label>\n\
             <input type=\"text\" id=\"content-type\" name=\"Content-Type\" value=\"{}\" required>\n",
            e(prefix)
        ));
    }
    // The file goes last: S3 ignores every field after it.
    page.push_str(
        "<label for=\"file\">File</label>\n<input type=\"file\" id=\"file\" name=\"file\" required>\n\
         <p id=\"check\" role=\"status\"></p>\n<button type=\"submit\">Upload</button>\n</fieldset>\n</form>\n",
    );
    page.push_str(&format!(
        "<script>{PAGE_SCRIPT}</script>\n</body>\n</html>\n"
    ));
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escaping() {
        assert_eq!(
            escape_html(r#"<script>"a" & 'b'</script>"#),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
    }
}

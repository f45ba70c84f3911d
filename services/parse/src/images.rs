//! Article images with their captions and credits: `<figure>` with
//! `<figcaption>`, or an image next to a caption element; the credit is the
//! caption's trailing "(TASS/Yonhap)", "Photo: X", "Photo by X" or "© X".

use std::sync::LazyLock;

use dom_query::Document;
use newsflow_contracts::v1::Image;
use regex::Regex;

/// Images read per page.
const MAX_IMAGES: usize = 20;

static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:\(([^()]{2,60})\)|(?:photo|picture|image|credit|foto|사진)\s*(?:by|:)\s*([^.;()]{2,60})|©\s*([^.;()]{2,60}))\s*\.?$",
    )
    .expect("valid regex")
});

/// The credit a caption ends with, if any.
pub fn credit_of(caption: &str) -> Option<String> {
    let c = CREDIT.captures(caption.trim())?;
    let credit = c.get(1).or(c.get(2)).or(c.get(3))?.as_str().trim();
    // "(left)", "(2019)" and "(file photo)" are not credits.
    let looks_like_credit = credit.chars().next().is_some_and(|ch| ch.is_uppercase())
        && !credit.chars().all(|ch| ch.is_ascii_digit());
    looks_like_credit.then(|| credit.to_string())
}

/// The page's captioned images, resolved against `base`, in page order;
/// `lead` (og:image) first, captioned if the page captions it.
pub fn read(doc: &Document, base: Option<&url::Url>, lead: &[String]) -> Vec<Image> {
    let resolve = |src: &str| -> Option<String> {
        let src = src.trim();
        if src.is_empty() || src.starts_with("data:") {
            return None;
        }
        match base {
            Some(b) => b.join(src).ok().map(|u| u.to_string()),
            None => url::Url::parse(src).ok().map(|u| u.to_string()),
        }
    };
    let mut images: Vec<Image> = lead
        .iter()
        .filter_map(|u| resolve(u))
        .map(|url| Image {
            url,
            ..Default::default()
        })
        .collect();
    for img in crate::text::body(doc)
        .select("img")
        .iter()
        .take(MAX_IMAGES * 4)
    {
        let Some(url) = img.attr("src").and_then(|s| resolve(&s)) else {
            continue;
        };
        let figure = img.ancestors(Some(4)).filter("figure");
        let caption = if figure.exists() {
            figure.select("figcaption").text().to_string()
        } else {
            img.parent().select("[class*=caption]").text().to_string()
        };
        let caption = crate::text::collapse_whitespace(&caption);
        if caption.is_empty() && !images.iter().any(|i| i.url == url) {
            continue;
        }
        let credit = credit_of(&caption).unwrap_or_default();
        match images.iter_mut().find(|i| i.url == url) {
            Some(known) if known.caption.is_empty() => {
                known.caption = caption;
                known.credit = credit;
            }
            Some(_) => {}
            None => images.push(Image {
                url,
                caption,
                credit,
                ..Default::default()
            }),
        }
        if images.len() >= MAX_IMAGES {
            break;
        }
    }
    images
}

/// Every caption on the page (figcaption and caption elements), to keep
/// them out of the article text.
pub fn captions(doc: &Document) -> Vec<String> {
    // `figcaption, [class*=caption]` in one walk without a selector: the
    // selector list's matching was nearly all of this function's
    // instructions (callgrind, docs/benchmarks.md).
    doc.root()
        .descendants_it()
        .filter(|n| {
            n.has_name("figcaption") || n.attr("class").is_some_and(|c| c.contains("caption"))
        })
        .take(MAX_IMAGES * 4)
        .map(|c| crate::text::collapse_whitespace(&c.text()))
        .filter(|c| !c.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::credit_of;

    #[test]
    fn credits() {
        let cases = [
            (
                "Workers inspect panels on June 27. (TASS/Yonhap)",
                Some("TASS/Yonhap"),
            ),
            ("The mayor speaks. Photo: Jane Doe", Some("Jane Doe")),
            ("The mayor speaks. Photo by Jane Doe", Some("Jane Doe")),
            ("The harbour at dawn © Reuters", Some("Reuters")),
            ("The mayor (left) speaks", None),
            ("The bridge in 2019 (2019)", None),
        ];
        for (caption, want) in cases {
            assert_eq!(credit_of(caption).as_deref(), want, "{caption}");
        }
    }
}

//! Page generators. All text here was written for this project.

/// Encodings served under `/charset/{mode}/{label}`: WHATWG label, the sample
/// text (which must survive the round trip), and the page language.
pub const ENCODINGS: &[(&str, &str, &str)] = &[
    (
        "euc-kr",
        "서울에서 열린 국제 회의에서 각국 대표들은 기후 변화 대응 방안을 논의했다. \
         정부는 내년부터 새로운 에너지 정책을 시행할 계획이라고 밝혔다. \
         전문가들은 이번 합의가 경제에 긍정적인 영향을 줄 것으로 전망했다.",
        "ko",
    ),
    (
        "shift_jis",
        "東京で開かれた国際会議で、各国の代表は気候変動への対策について話し合った。\
         政府は来年から新しいエネルギー政策を実施する予定だと発表した。\
         専門家は、今回の合意が経済に良い影響を与えると見ている。",
        "ja",
    ),
    (
        "gbk",
        "在北京举行的国际会议上，各国代表讨论了应对气候变化的措施。\
         政府宣布将从明年开始实施新的能源政策。\
         专家认为，这次协议将对经济产生积极影响。",
        "zh",
    ),
    (
        "windows-1251",
        "На международной конференции в Москве представители стран обсудили меры \
         по борьбе с изменением климата. Правительство объявило, что со следующего \
         года начнёт проводить новую энергетическую политику. Эксперты считают, что \
         соглашение положительно повлияет на экономику.",
        "ru",
    ),
    (
        "windows-1252",
        "Lors d'une conférence internationale à Paris, les délégués ont discuté des \
         mesures contre le réchauffement climatique. Le gouvernement a annoncé une \
         nouvelle politique énergétique dès l'année prochaine. « C'est un accord \
         équilibré », a déclaré une économiste. Coût estimé : 12 € par foyer.",
        "fr",
    ),
    (
        "big5",
        "在台北舉行的國際會議上，各國代表討論了應對氣候變化的措施。\
         政府宣布將從明年開始實施新的能源政策。\
         專家認為，這次協議將對經濟產生積極影響。",
        "zh-TW",
    ),
    (
        "koi8-r",
        "В Новосибирске открылась выставка современной архитектуры. Организаторы \
         ожидают более двадцати тысяч посетителей. Городские власти пообещали \
         продлить работу общественного транспорта в дни выставки.",
        "ru",
    ),
];

const PLACES: &[&str] = &[
    "Riverton",
    "Lakeside",
    "Northgate",
    "Easton",
    "Millbrook",
    "Harbor City",
    "Westfield",
    "Pine Valley",
    "Stonebridge",
    "Clearwater",
];
const SUBJECTS: &[&str] = &[
    "city council",
    "regional health board",
    "transit authority",
    "school district",
    "port operator",
    "water utility",
    "housing agency",
    "chamber of commerce",
];
const ACTIONS: &[&str] = &[
    "approves", "delays", "rejects", "expands", "reviews", "funds", "pauses", "unveils",
];
const OBJECTS: &[&str] = &[
    "new bus routes",
    "flood defence plan",
    "hospital extension",
    "bike lane network",
    "budget for next year",
    "harbour dredging",
    "affordable housing project",
    "solar farm",
];
const NAMES: &[&str] = &[
    "Maria Okafor",
    "Daniel Reyes",
    "Hannah Lindqvist",
    "Tomasz Nowak",
    "Aiko Tanaka",
    "Samuel Osei",
    "Lucia Ferraro",
    "Jonas Becker",
];
/// Sentence templates: `{place}`, `{subject}`, `{object}` and `{num}` are
/// filled per article, so different articles share phrasing but not text
/// (as real articles of one site do; the dedup stage must tell them apart).
const SENTENCES: &[&str] = &[
    "Officials in {place} said the decision on the {object} followed {num} weeks of public consultation and two packed hearings.",
    "Residents who spoke at the {subject} meeting were divided, with {num} of them warning about the cost.",
    "The {object} will be paid for partly from reserves and partly from a state grant of {num} million awarded to {place} in spring.",
    "Work on the {object} is expected to begin after the winter and to take about {num} months.",
    "Opponents in {place} argued that the money would be better spent on repairing existing infrastructure.",
    "A spokesperson for the {subject} said a detailed timetable for the {object} would be published next week.",
    "Local businesses in {place} welcomed the announcement, saying it would bring {num} thousand more visitors a year.",
    "The {subject} vote passed after an amendment limiting night-time construction to {num} nights a month.",
    "An independent review found that demand in {place} had grown {num} percent faster than forecast.",
    "Environmental groups said they would monitor the {object} closely over the next {num} years.",
];

fn pick<'a>(list: &[&'a str], n: u64, salt: u64) -> &'a str {
    let h = n
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(salt.wrapping_mul(0xBF58_476D_1CE4_E5B9));
    list[((h >> 17) % list.len() as u64) as usize]
}

/// The headline of article `n`.
pub fn article_title(n: u64) -> String {
    format!(
        "{} {} {} {}",
        pick(PLACES, n, 1),
        pick(SUBJECTS, n, 2),
        pick(ACTIONS, n, 3),
        pick(OBJECTS, n, 4)
    )
}

/// A complete article page, with the boilerplate a real news page carries
/// (navigation, share buttons, newsletter box, related links, footer) and
/// JSON-LD and OpenGraph metadata.
pub fn article_html(base: &str, path: &str, n: u64) -> String {
    let title = article_title(n);
    let author = pick(NAMES, n, 5);
    let day = 1 + n % 28;
    let mut body = String::new();
    let paragraphs = 5 + n % 5;
    for p in 0..paragraphs {
        body.push_str("<p>");
        for s in 0..3 {
            let num = 10 + (n * 37 + p * 11 + s * 5) % 89;
            let sentence = pick(SENTENCES, n * 31 + p * 7 + s, 6)
                .replace("{place}", pick(PLACES, n, 1))
                .replace("{subject}", pick(SUBJECTS, n, 2))
                .replace("{object}", pick(OBJECTS, n, 4))
                .replace("{num}", &num.to_string());
            body.push_str(&sentence);
            body.push(' ');
        }
        body.push_str("</p>\n");
    }
    let related: String = (1..=4)
        .map(|k| {
            let m = n + k;
            format!("<li><a href=\"/news/{m}\">{}</a></li>", article_title(m))
        })
        .collect();
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} | The Fixture Gazette</title>
<link rel="canonical" href="{base}{path}">
<meta property="og:title" content="{title}">
<meta property="og:type" content="article">
<meta property="og:url" content="{base}{path}">
<meta name="author" content="{author}">
<meta property="article:published_time" content="2024-06-{day:02}T09:30:00+02:00">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle","headline":"{title}","author":{{"@type":"Person","name":"{author}"}},"datePublished":"2024-06-{day:02}T09:30:00+02:00","publisher":{{"@type":"Organization","name":"The Fixture Gazette"}}}}</script>
</head>
<body>
<header><nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/business">Business</a> <a href="/sport">Sport</a></nav></header>
<main>
<article>
<h1>{title}</h1>
<p class="byline">By {author}, staff reporter</p>
<time datetime="2024-06-{day:02}T09:30:00+02:00">June {day}, 2024</time>
<div class="share">Share on social media · Copy link</div>
<div class="article-body">
{body}</div>
<aside class="newsletter">Sign up for our morning briefing.</aside>
</article>
<section class="related"><h2>Related stories</h2><ul>{related}</ul></section>
</main>
<footer>© The Fixture Gazette. All rights reserved. Cookie settings.</footer>
</body>
</html>
"#
    )
}

/// A page in a legacy encoding. `mode` says how the encoding is declared:
/// `header` (Content-Type charset only), `meta` (`<meta charset>` only) or
/// `none` (undeclared: a detector must guess). Returns the encoded body and
/// the Content-Type header to send, or `None` for an unknown label.
pub fn encoded_page(mode: &str, label: &str) -> Option<(Vec<u8>, String)> {
    let (label, text, lang) = ENCODINGS.iter().find(|(l, _, _)| *l == label)?;
    let encoding = encoding_rs::Encoding::for_label(label.as_bytes())?;
    let meta = if mode == "meta" {
        format!("<meta charset=\"{label}\">")
    } else {
        String::new()
    };
    // Repeat the text so that a detector has enough to go on, as it would on
    // a real article.
    let paragraphs: String = (0..4).map(|_| format!("<p>{text}</p>\n")).collect();
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head>{meta}<title>{}</title></head>\n<body><article><h1>{}</h1>\n{paragraphs}</article></body></html>\n",
        &text[..text.char_indices().nth(12).map_or(text.len(), |(i, _)| i)],
        &text[..text.char_indices().nth(20).map_or(text.len(), |(i, _)| i)],
    );
    let (bytes, _, unmappable) = encoding.encode(&html);
    debug_assert!(!unmappable, "sample text must fit {label}");
    let content_type = match mode {
        "header" => format!("text/html; charset={label}"),
        _ => "text/html".to_string(),
    };
    Some((bytes.into_owned(), content_type))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sample_text_fits_its_encoding() {
        for (label, text, _) in ENCODINGS {
            let enc = encoding_rs::Encoding::for_label(label.as_bytes()).unwrap();
            let (_, _, unmappable) = enc.encode(text);
            assert!(!unmappable, "{label}");
        }
    }

    #[test]
    fn articles_are_deterministic_and_distinct() {
        assert_eq!(
            article_html("http://x", "/news/3", 3),
            article_html("http://x", "/news/3", 3)
        );
        assert_ne!(article_title(1), article_title(2));
        assert!(article_html("http://x", "/news/3", 3).contains(&article_title(3)));
    }
}

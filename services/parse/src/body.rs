//! The article text after Readability: paragraphs that are not article text
//! — photo captions repeated in the text, the byline, contact lines, "Related
//! stories" and "Most viewed" headings — are taken out.

use std::sync::LazyLock;

use regex::Regex;

/// A byline paragraph ("By A, staff reporter; B, senior staff writer").
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:(?:By|BY|Written by|Reporting by)\s+\p{{Lu}}|\p{{Hangul}}{{2,4}}\s?(?:{})(?:\s|$))",
        crate::authors::KOREAN_ROLES.join("|")
    ))
    .expect("valid regex")
});

/// The reporters a Korean wire story names in its dateline, which opens
/// its first paragraph: "(서울=연합뉴스) 김민지 이준호 기자 = 정부는 …" — the
/// city and agency in brackets, one to four names, the role, "=" (Yonhap,
/// Newsis and News1 write it so, and the papers that carry their stories).
/// The paragraph is the story's own and stays; the names are a byline.
static WIRE_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^[(\[][^()\[\]=]{{1,20}}=[^()\[\]]{{1,20}}[)\]]\s*((?:\p{{Hangul}}{{2,4}}\s+){{0,3}}\p{{Hangul}}{{2,4}})\s?({})\s*=",
        crate::authors::KOREAN_ROLES.join("|")
    ))
        .expect("valid regex")
});

/// Paragraphs at the start of the text in which a wire dateline is looked
/// for (a headline or a date line may come first).
const DATELINE_PARAGRAPHS: usize = 3;

/// A contact line ("Please direct questions or comments to [x@y]").
static CONTACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:questions?|comments?|contact|e-?mail|write to|reach|tips?)\b.*[\w.+-]+@[\w-]+\.[\w.]+").expect("valid regex")
});

/// Prompts of blocks around the article, and the labels of buttons and
/// links that stand alone on a line ("Book now", "< Back to top", "Table of
/// contents", and in other languages "Teilen", "Lire la suite", "Наверх";
/// development corpus: 330 such lines, body F1 +0.0003); photo credits
/// standing alone ("Photo: Getty Images", "Credit: Apple", "Foto:
/// dpa", "Photo : AFP", "Фото: РИА Новости", "Courtesy of brand"),
/// agency credits ("FatCamera/Getty Images", "Jane Doe/AP"), counters
/// ("1,693 views", "3 min read", "Reading Time: 8 minutes"), bare labels
/// ("Last updated", "Press release"), a post's filing and posting lines
/// ("Tags: …", "Category: …", "Posted on … Posted by …"),
/// empty widgets ("No posts"), a contents label over nothing ("In this
/// article").
static BOILERPLATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[<←‹«\s]*(?:read more|advertisement(?: - continue reading below)?|continue reading(?: below)?|share (?:this|on)\b.*|subscribe\b.*|sign up\b.*|click here to (?:move|go|read).*|follow us\b.*|table of contents|contents|in this (?:article|story|guide|post|review)|on this page|what to read next|back to top|skip to (?:main )?content|jump to (?:details|recipe|section|comments|content)|learn more|read full review|(?:previous|next|prev|older|newer) (?:post|article|story|entry)|check (?:the )?price(?: (?:at|on) [^.]{1,60})?|now \d{1,2}% off|(?:show|hide) caption|rate this (?:article|post|story)|no (?:posts|comments)(?: found| yet)?|share|leave a (?:comment|reply)|on sale|embed|[\d,.]+[km]? (?:views|reads|shares|likes)|\d+\s*min(?:ute)?s?\.?\s+read|(?:estimated )?read(?:ing)? time\s*:?\s*\d+\s*min(?:ute)?s?|courtesy of\b.{0,60}|(?:(?:photo|image|photograph)s?(?: credit)?|credits?|fotos?|bild(?:er)?|imagen|imagem|immagine|zdjęcie|fotografia|fotoğraf|фото|사진|写真|图片|圖片)\s?[:：]\s.{0,80}|(?:getty images|shutterstock|istock)\b.{0,40}|[^/]{1,60}/\s?(?:getty images|shutterstock|istock|alamy|ap(?: photo)?|afp|reuters|epa(?:-efe)?|nurphoto)(?: via .{1,40})?|.{1,60}\bvia getty images|last updated|press release|posted on(?:\s+(?:\S+\s+){0,2}\d.{0,80})?|posted by\b.{0,80}|(?:tags?|filed under|categories|category|topics?|schlagw(?:orte|örter)|mots-clés|étiquettes|etiquetas|tagi|теги|метки|etiketler|태그|タグ|标签|標籤)\s?[:：].{0,150}|featured in this article|sponsor this newsletter|see (?:the )?(?:price|deal)s?|book now|view in list|show more|load more|home|(?:see|hide|view|show) all|all (?:posts|articles)|copy link|click to expand|teilen|partager|compartir|condividi|compartilhar|partilhar|udostępnij|поделиться|paylaş|bagikan|chia sẻ|공유|シェア|分享|mehr lesen|weiterlesen|lire la suite|leer más|seguir leyendo|leggi di più|leia mais|lees meer|czytaj (?:więcej|dalej)|читать (?:далее|дальше)|devamını oku|baca selengkapnya|더보기|続きを読む|阅读全文|閱讀全文|(?:zurück )?nach oben|haut de page|retour en haut|volver arriba|torna su|voltar ao topo|naar boven|наверх)\s*[.:›»→>]*$",
    )
    .expect("valid regex")
});

/// What newsletter boxes and ad slots set inside an article say: the
/// consent line under a sign-up form ("By signing up, you agree to our
/// Terms and Privacy Policy", "… to receive marketing messages"),
/// its prompts and replies ("Enter your email", "Thanks for subscribing!"),
/// an ad slot's label ("Ad", "Sponsored", "Anzeige", "Publicité",
/// "Реклама", "광고", "Story continues below";
/// "Advertisement" is [`BOILERPLATE`]).
static SIGNUP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:by (?:signing up|subscribing|registering|entering|submitting|providing|clicking|tapping|continuing|creating an account)\b.{0,300}?\b(?:you|i) (?:agree|consent|acknowledge|accept)\b.*?\b(?:terms|privacy|e-?mails?|newsletters?|marketing|messages|offers|communications)\b.*|(?:thanks?|thank you) for (?:signing up|subscribing|registering)\b.*|enter (?:your )?e-?mail\b.*|(?:your )?e-?mail address\*?|(?:please enter a valid|invalid) e-?mail\b.*|(?:oops|sorry)?,?\s*something went wrong\.?\s*(?:please try again(?: later)?\.?)?|sponsored|ad|advertorial|anzeige|werbung|publicité|publicidad|pubblicità|publicidade|advertentie|reklama|реклама|reklam|iklan|mainos|annonse|annons|hirdetés|διαφήμιση|광고|広告|广告|廣告|(?:article|story) continues (?:below|after (?:this )?(?:ad|advertisement))\.?|scroll (?:down )?to continue(?: reading| with content)?\.?)$",
    )
    .expect("valid regex")
});

/// A paywall's notice over or after an article's teaser ("This article is
/// exclusive to subscribers", "To read the rest of this story subscribe",
/// "You have reached your limit of free articles"), and its kin on European
/// sites ("Dieser Artikel ist nur für Abonnenten", "Cet article est réservé
/// aux abonnés", "Il vous reste 80 % de cet article à lire", "Este
/// contenido es exclusivo para suscriptores"). The page then says its text
/// is not free to read (see [`Body::paywall`]).
static PAYWALL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:this (?:article|story|content|post|page) is (?:exclusive|only available|available only|reserved) (?:to|for)\b.*\b(?:subscribers|members)\.?|to (?:continue reading|keep reading|read the (?:rest|full)(?: of)? (?:this )?(?:story|article)|read (?:this|more)(?: story| article)?),? (?:please )?(?:subscribe|log in|sign in|register|become a (?:member|subscriber))\b.*|(?:subscribe|log in|sign in|register)(?: now)? to (?:continue|keep) reading\b.*|unlock (?:this|the full) (?:article|story)\b.*|read more of this content when you subscribe\b.*|you(?:'ve| have) (?:reached|read) (?:your|the) (?:limit|maximum|\d+ free)\b.*(?:articles|stories)\b.*|(?:dieser|dieses) (?:artikel|beitrag|inhalt|text) ist (?:nur |exklusiv )?(?:für|fuer) (?:abonnenten|abonnentinnen|\S+(?: ?plus|\+)[ -]?(?:abonnenten|leser)?)\b.*|jetzt weiterlesen mit \S.{0,40}|cet article est réservé aux abonnés\b.*|la suite (?:de cet article )?est réservée aux abonnés\b.*|il vous reste \d{1,2} ?% de cet article à lire\.?|este (?:contenido|artículo) es exclusivo para (?:suscriptores|socios)\b.*|este (?:conteúdo|artigo) é exclusivo para assinantes\b.*|questo (?:articolo|contenuto) è riservato agli abbonati\b.*|dit (?:artikel|verhaal) is (?:alleen )?(?:beschikbaar )?voor abonnees\b.*)$",
    )
    .expect("valid regex")
});

/// Whether `line` is a paywall's notice (see [`PAYWALL`]) and not an
/// appeal that free pages show too (see [`SUBSCRIPTION`]): WordPress.com's
/// pop-up says "Subscribe now to keep reading and get access to the full
/// archive." on free blogs, in every page's HTML (5 development pages, each
/// with its whole article).
pub(crate) fn is_paywall_notice(line: &str) -> bool {
    // No notice is shorter ("Jetzt weiterlesen mit SZ Plus" is 29 bytes);
    // most of a page's lines are, and the page scan asks about every one.
    (20..=SIGNUP_LINE).contains(&line.len())
        && PAYWALL.is_match(line)
        && !SUBSCRIPTION.is_match(line)
}

/// What subscription boxes say, on free pages too: a log-in prompt
/// ("Already have an account? Log in"), a plans link ("View all plans"), a
/// subscription appeal set inside the article ("If you're enjoying this
/// article, consider supporting … by subscribing"), WordPress.com's
/// subscription box ("Discover more from …", "Subscribe to get the latest
/// posts sent to your email").
static SUBSCRIPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:already (?:have an account|a (?:subscriber|member))\?\s*(?:log ?in|sign ?in)(?: here)?\.?|view all (?:plans|subscription options)|if you(?:'|’)?re enjoying this (?:article|story|post|newsletter)\b.{0,200}\bsubscri.*|discover more from [^.,;!?]{1,80}|subscribe to get the latest posts(?: sent)? to your e-?mail\.?|subscribe now to keep reading and get access to the full archive\.?)$",
    )
    .expect("valid regex")
});

/// An appeal to sign up for a newsletter set inside an article ("Love
/// movies? Live for TV? … Watch Party newsletter has all the best
/// recommendations. Sign up now …", "Want more from NBC Select? Sign up for
/// our newsletter", "Join our mailing list!", "Abonnez-vous à notre
/// newsletter", "Jetzt Newsletter abonnieren"): a newsletter or mailing list
/// named ([`NEWSLETTER`]), and a sentence that starts with the call ("Join"
/// only to the newsletter itself), or in German ends with it. Advice that
/// says so mid-sentence ("…, subscribe to industry newsletters") is text.
static NEWSLETTER_CALL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^\W*|[.!?]\W*\s)(?:sign up|subscribe|join (?:our|the|my)(?: [\w'’-]+){0,4} (?:newsletter|mailing list)|abonnez-vous|inscrivez-vous|suscr[ií]bete|iscriviti|abonneer|zapisz się|подпишитесь|inscreva-se|assine)\b|\bnewsletter\b.{0,40}\b(?:abonnieren|bestellen|anmelden)\s*[.!]?$",
    )
    .expect("valid regex")
});

/// A newsletter or mailing list named (see [`NEWSLETTER_CALL`]).
static NEWSLETTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:newsletters?|mailing list|nieuwsbrief|boletín|рассылк\w*)\b")
        .expect("valid regex")
});

/// An affiliate disclosure set over an article ("This post contains
/// affiliate links…", "Disclosure: … I may earn a small commission"): a
/// lead, and affiliate links or a commission named.
static AFFILIATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:editorial note|disclosure|affiliate disclosure)\s*:|this (?:article|post|page|story|guide|review|content) (?:contains|includes|may contain|may include|has)\b).*(?:affiliate|commission|qualifying purchases)",
    )
    .expect("valid regex")
});

/// The commerce desks' disclosure, in a paragraph of its own wherever it
/// stands ("If you buy something through our links, we may earn a
/// commission", "We may earn a commission from your purchases"). Only
/// paragraphs naming a commission or compensation are searched (see
/// [`is_commerce_disclosure`]).
static COMMERCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)we (?:may|might|could) (?:earn|receive|get|collect)(?-u:\b).{0,40}(?-u:\b)(?:commissions?|compensation|share of (?:the )?(?:sales|revenue))(?-u:\b)|(?-u:\b)(?:buy|purchase|shop)\w* (?:something |anything |products? )?(?:through|via|from) (?:our|these|the) (?:affiliate |retail )?links(?-u:\b).{0,40}(?-u:\b)(?:earn|commission)",
    )
    .expect("valid regex")
});

/// See [`COMMERCE`]. The regex runs on a few paragraphs only: over every
/// paragraph of every page it doubled the cleaning's cost.
fn is_commerce_disclosure(p: &str) -> bool {
    (p.contains("ommission") || p.contains("ompensation") || p.contains("hare of"))
        && COMMERCE.is_match(p)
}

/// A link to another story set between an article's paragraphs ("Also
/// read: …", "Related: …", "See also: …"), and its kin in the languages
/// whose news sites set them most: "Baca juga:" (Indonesian, Malay),
/// "Lesen Sie auch:", "Lire aussi :", "Lee también:", "Leia também:",
/// "Leggi anche:", "Lees ook:", "Czytaj także:", "Читайте также:", "Čtěte
/// také:", "Citește și:", "Ayrıca okuyun:", "Xem thêm:", "اقرأ أيضا:",
/// "관련기사:", "関連記事：", "相关阅读：".
static OTHER_STORY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:also read|read also|related|see also|also see|must read|recommended|baca (?:juga|pula)|simak juga|lihat juga|lesen sie auch|auch interessant|(?:à )?lire aussi|lire également|voir aussi|le[ea] también|te puede interesar|leia (?:também|mais)|veja também|leggi anche|vedi anche|lees ook|zie ook|czytaj (?:także|też)|zobacz (?:także|też)|читайте (?:также|також)|смотрите также|čtěte také|přečtěte si také|citește și|ayrıca (?:okuyun|bakınız)|xem thêm|đọc thêm|اقرأ (?:أيضا|أيضاً)|관련\s?기사|関連記事|相关阅读|延伸阅读|延伸閱讀|相關閱讀)\s*[:：]\s*\S",
    )
    .expect("valid regex")
});

/// The label over a table of contents ("Jump to:", "In this article",
/// "Table of contents").
static CONTENTS_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:jump to|in this (?:article|story|guide|post|review)|on this page|skip to|(?:table of )?contents)\s*:?$",
    )
    .expect("valid regex")
});

/// Longest line taken for a table of contents' entry.
const CONTENTS_ENTRY: usize = 120;

/// Longest line taken for a sign-up box's, a disclosure's or a paywall's
/// text: consent lines run long.
const SIGNUP_LINE: usize = 400;

/// Headings of lists of other articles ("Related stories", "You might also
/// like", "Read next", "Most viewed articles"), and their kin in the
/// languages whose news sites we meet most ("Berita terkait", "Weitere
/// Artikel", "Sur le même sujet", "Noticias relacionadas", "Mais lidas",
/// "Articoli correlati", "Meest gelezen", "Najczęściej czytane",
/// "Похожие новости", "İlgili haberler", "Tin liên quan", "مقالات ذات صلة",
/// "관련 기사", "많이 본 기사", "関連記事", "相关新闻"). Turkish's dotted
/// capital "İ" does not fold to "i" in the regex's case folding, so it is
/// written out. "Read also" and its kin ("Baca juga", "Читайте также")
/// are not among them: they label one link inside the article, near its
/// end too, and the paragraphs after them are the article's.
static OTHER_ARTICLES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:artikel|berita) (?:terkait|lainnya)|terpopuler|weitere artikel|verwandte artikel|das könnte sie auch interessieren|meistgelesen|mehr zum thema|articles (?:liés|similaires)|sur le même sujet|les plus lus|(?:noticias|artículos) relacionad[oa]s|lo más leído|(?:notícias|matérias) relacionadas|mais lidas|articoli correlati|(?:i )?più letti|gerelateerde artikelen|meest gelezen|powiązane artykuły|najczęściej czytane|похожие (?:новости|статьи)|самое читаемое|[iİ]lgili haberler|en çok okunanlar|tin liên quan|đọc nhiều nhất|مقالات ذات صلة|أخبار ذات صلة|الأكثر قراءة|관련\s?기사|(?:가장 )?많이 본 기사|関連記事|関連ニュース|よく読まれている記事|相关(?:新闻|阅读|文章)|相關(?:新聞|閱讀|文章)|热门新闻|熱門新聞|延伸阅读|延伸閱讀|related (?:posts?|articles?|stories|reading|content|news)|you (?:might|may) (?:also )?(?:like|enjoy)|also in the news|more (?:stories|articles|news|posts)(?: (?:from|like|on)\b.*)?|more from\b.*|recommended(?: for you| reading| articles| stories)?|read next|up next|popular (?:posts|articles|stories)|trending(?: now| stories)?|(?:latest|recent) (?:news|posts|articles|stories)|most (?:popular|read|viewed)(?: articles| stories)?|keep reading|don'?t miss|see also|other (?:articles|stories|posts)|similar (?:articles|posts|stories))\s*[:：.!]?$",
    )
    .expect("valid regex")
});

/// What a site sets after the article: a donation or membership appeal
/// ("Since you made it to the bottom of this article, we have a small favor
/// to ask", "If you believe stories like this matter, please consider…",
/// "Support CNX Software!"), a publisher's message ("A message from John
/// Doe, co-founder of …:"), a republishing notice, a thank-you for reading,
/// a copyright notice ("Copyright © 2025 WABC-TV. All Rights Reserved.",
/// "© Le Monde 2020 – Tous droits réservés", "Alle Rechte vorbehalten.",
/// "Riproduzione riservata ©"),
/// a disclaimer ("The views expressed by the authors of this blog are
/// their own…"), an author box's label ("Written by", "About the author").
static CLOSING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:copyright\s*)?(?:©|\(c\))\s*(?:copyright\s*)?(?:19|20)\d\d\b|(?:©|\(c\))\s*[^\d\n]{2,40}\b(?:19|20)\d\d\b.{0,20}(?:rights|rechte|droits|derechos|direitos|diritti|rechten|prawa|права|hakları)|copyright (?:19|20)\d\d\b|(?:all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|todos os direitos reservados|tutti i diritti riservati|riproduzione riservata|alle rechten voorbehouden|wszelkie prawa zastrzeżone|все права защищены|tüm hakları saklıdır|hak cipta dilindungi)|the (?:views|opinions) expressed (?:in this|by the|here)\b|support [^\s!]{2,40}(?: [^\s!]{2,40}){0,3}!.*\b(?:donat|patreon|patron|member|subscri|contribut)|since you made it to the bottom|we have a small favou?r to ask|if you (?:value|believe|appreciate|enjoy|like)d? (?:stories|this|our|the work|journalism|reporting|what).*\b(?:donat|support|contribut|subscri|member|pitch(?:ing)? in|chip in|patreon|might also like)|please consider (?:donating|supporting|making a|pitching in|a donation)|support (?:independent|our|nonprofit|local|quality) (?:journalism|reporting|newsroom|work|mission)|donate (?:now|today)|republish (?:our|this) (?:articles?|story)|(?:become|join as) a (?:member|donor|supporter)|a message from .{0,60}\b(?:founder|co-founder|editor|publisher|ceo|team)\b.{0,40}:$|thank you for (?:reading|supporting|your support)|(?:written by|about the authors?)\s*:?$|your (?:donation|support|gift) (?:helps|makes|keeps))",
    )
    .expect("valid regex")
});

/// Longest line read as a closing note.
const CLOSING_LINE: usize = 300;

/// Most text after a closing note or an author box's name line, bytes: a
/// note is followed by its own text and a signature (at most 1,323 bytes on
/// the development corpus), not by more of the article (a boot log quoting
/// "(c) Copyright 1990-1994, Hewlett-Packard Company." has 3,800 after it).
pub(crate) const CLOSING_AFTER: usize = 2000;

/// Share of the text after which a heading of other articles ends the
/// article (before it, it heads a card inside the article).
const TAIL: f64 = 0.8;

/// Longest paragraph taken for a byline, contact line or boilerplate.
const SHORT: usize = 200;

/// The article text, cleaned, and any bylines found in it.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Body {
    /// Paragraphs separated by a blank line.
    pub text: String,
    /// Byline paragraphs taken out of the text, and the reporters a Korean
    /// wire dateline names ("김민지 기자"; its paragraph stays in the text).
    pub bylines: Vec<String>,
    /// Every paragraph taken out (bylines included), whitespace-normalised.
    pub removed: Vec<String>,
    /// The text held a paywall's notice ("This article is exclusive to
    /// subscribers"): what is left is a teaser.
    pub paywall: bool,
}

/// Cleans Readability's text: whitespace normalised per paragraph, blank
/// lines between paragraphs, and paragraphs that repeat a photo caption, or
/// are a byline, contact line or boilerplate, removed; then lists of other
/// articles (see `other_articles_removed`).
pub fn clean(text: &str, captions: &[String]) -> Body {
    let captions: Vec<String> = captions.iter().map(|c| normal(c)).collect();
    let mut body = Body::default();
    let mut kept: Vec<String> = Vec::new();
    // The last line read was kept (not taken out): a heading over a box.
    let mut last_kept = false;
    for line in text.split('\n') {
        let p = crate::text::collapse_whitespace(line);
        // A line of zero-width joiners or spaces only (page builders leave
        // them between blocks) is no paragraph; inside words they stay, as
        // Persian and Indic writing and emoji need them.
        if p.chars().all(crate::text::is_invisible) {
            continue;
        }
        if kept.len() < DATELINE_PARAGRAPHS {
            if let Some(dateline) = WIRE_DATELINE.captures(&p) {
                let role = &dateline[2];
                let names = dateline[1].split_whitespace();
                body.bylines
                    .extend(names.map(|name| format!("{name} {role}")));
            }
        }
        let short = p.len() <= SHORT;
        if short && BYLINE.is_match(&p) {
            body.bylines.push(p.clone());
            body.removed.push(p);
            continue;
        }
        // Lower-cased only when there are captions to compare with.
        let caption = !captions.is_empty() && {
            let n = normal(&p);
            n.len() >= 12 && captions.contains(&n)
        };
        let dateline = p.len() <= 100 && is_dateline(&p);
        let paywall = is_paywall_notice(&p);
        body.paywall |= paywall;
        let notice = p.len() <= SIGNUP_LINE
            && (SIGNUP.is_match(&p)
                || AFFILIATE.is_match(&p)
                || is_commerce_disclosure(&p)
                || paywall
                || SUBSCRIPTION.is_match(&p)
                || (NEWSLETTER.is_match(&p) && NEWSLETTER_CALL.is_match(&p)));
        // A contents label waits for its entries (see `contents_removed`).
        let contents = p.len() <= CONTENTS_ENTRY && CONTENTS_LABEL.is_match(&p);
        let boilerplate =
            short && (CONTACT.is_match(&p) || BOILERPLATE.is_match(&p) || OTHER_STORY.is_match(&p));
        if !contents && (caption || dateline || notice || boilerplate) {
            // A box's heading ("On supporting science journalism", "Get
            // our newsletter") goes with the appeal right under it; an ad
            // slot's label is too short to be such an appeal, and a short
            // line after other short lines is a list's last entry.
            let heading = |k: &[String]| match k {
                [.., before, h] => is_box_heading(h) && before.len() > 100,
                [h] => is_box_heading(h),
                [] => false,
            };
            if notice && p.len() >= 40 && last_kept && heading(&kept) {
                body.removed.extend(kept.pop());
            }
            body.removed.push(p);
            last_kept = false;
            continue;
        }
        kept.push(p);
        last_kept = true;
    }
    let kept = contents_removed(kept, &mut body.removed);
    let kept = other_articles_removed(kept, &mut body.removed);
    let kept = closing_removed(kept, &mut body.removed);
    body.text = kept.join("\n\n");
    body
}

/// A short line that ends without a sentence's stop: how a box's heading
/// reads.
fn is_box_heading(line: &str) -> bool {
    line.len() <= 60 && !line.ends_with(['.', '!', '?', ':', ';', ',', '"', '”', ')'])
}

/// A table of contents out of the text: a label ("Jump to:", "In this
/// article") and the entries under it, each a line the text has again
/// further on (the section's heading). A label without two such entries
/// stays, unless it is boilerplate on its own ("Table of contents").
fn contents_removed(mut kept: Vec<String>, removed: &mut Vec<String>) -> Vec<String> {
    let mut i = 0;
    while i < kept.len() {
        if kept[i].len() > CONTENTS_ENTRY || !CONTENTS_LABEL.is_match(&kept[i]) {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < kept.len()
            && kept[end].len() <= CONTENTS_ENTRY
            && kept[end + 1..].contains(&kept[end])
        {
            end += 1;
        }
        if end - i > 2 {
            removed.extend(kept.drain(i..end));
        } else if BOILERPLATE.is_match(&kept[i]) {
            removed.push(kept.remove(i));
        } else {
            i += 1;
        }
    }
    kept
}

/// A closing note in the last fifth of the text (an appeal to readers, a
/// copyright notice, a disclaimer: see [`CLOSING`]) ends the article: what
/// follows it is the note's own text, its signature, and the site's boxes.
/// Development corpus: 13 pages better, none worse.
fn closing_removed(mut kept: Vec<String>, removed: &mut Vec<String>) -> Vec<String> {
    let total: usize = kept.iter().map(String::len).sum();
    let mut read = 0;
    let at = kept.iter().position(|l| {
        read += l.len();
        let start = read - l.len();
        start as f64 >= TAIL * total as f64
            && total - read <= CLOSING_AFTER
            && l.len() <= CLOSING_LINE
            && CLOSING.is_match(l)
    });
    if let Some(at) = at {
        removed.extend(kept.drain(at..));
    }
    kept
}

/// Lists of other articles out of the text: a heading of one ("Related
/// stories", "You might also like") in the last fifth of the text ends the
/// article there; earlier, it heads a card inside the article, and it goes
/// with the title-like lines (short, no full stop) right after it.
/// Development corpus: body F1 +0.0006, 20 pages better, 3 worse by at most
/// 0.03 (lists of links the truth keeps as part of the article).
fn other_articles_removed(kept: Vec<String>, removed: &mut Vec<String>) -> Vec<String> {
    let total: usize = kept.iter().map(String::len).sum();
    let is_heading = |l: &str| l.len() < 80 && OTHER_ARTICLES.is_match(l);
    if !kept.iter().any(|l| is_heading(l)) {
        return kept;
    }
    let is_title = |l: &str| {
        l.len() < 100
            && !l
                .trim_end_matches(['"', '”', '’', ')'])
                .ends_with(['.', '!', '?'])
    };
    let mut out = Vec::with_capacity(kept.len());
    let mut read = 0;
    let mut lines = kept.into_iter().peekable();
    while let Some(line) = lines.next() {
        if !is_heading(&line) {
            read += line.len();
            out.push(line);
            continue;
        }
        removed.push(line);
        if read as f64 >= TAIL * total as f64 {
            removed.extend(lines);
            break;
        }
        while let Some(title) = lines.next_if(|l| is_title(l)) {
            read += title.len();
            removed.push(title);
        }
    }
    out
}

/// A line that only states when ("14 March 2024", "입력 2024.06.28 17:18
/// 수정 2024.06.28 18:02", "23:10", "Dec 11, 2025 Share"): at most a few
/// letters besides dates, times, their labels and buttons' words.
fn is_dateline(p: &str) -> bool {
    static TIME: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\d{1,2}[:時]\d{2}分?").expect("valid regex"));
    let has_date = crate::written_dates::first_date(p, 9999).is_some();
    if !has_date && !TIME.is_match(p) {
        return false;
    }
    let rest = crate::written_dates::without_dates(p);
    let rest = TIME.replace_all(&rest, "");
    let letters = rest
        .split_whitespace()
        .filter(|w| !crate::written_dates::is_date_label(w) && !is_button_word(w))
        .flat_map(str::chars)
        .filter(|c| c.is_alphabetic())
        .count();
    letters <= 3
}

/// A button's word that a date line carries ("Dec 11, 2025 Share").
fn is_button_word(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    [
        "share", "print", "email", "save", "listen", "comments", "comment",
    ]
    .iter()
    .any(|b| w.eq_ignore_ascii_case(b))
}

/// Share of `text`'s word trigrams that also occur in `page`: how far a
/// text (JSON-LD articleBody) is what the page shows.
pub fn shown_share(text: &str, page: &str) -> f64 {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let page: std::collections::HashSet<[String; 3]> = words(page)
        .windows(3)
        .map(|w| [w[0].clone(), w[1].clone(), w[2].clone()])
        .collect();
    let text = words(text);
    let grams: Vec<_> = text.windows(3).collect();
    if grams.is_empty() {
        return 0.0;
    }
    let shown = grams
        .iter()
        .filter(|w| page.contains(&[w[0].clone(), w[1].clone(), w[2].clone()]))
        .count();
    shown as f64 / grams.len() as f64
}

fn normal(s: &str) -> String {
    crate::text::collapse_whitespace(s).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captions_bylines_contacts_and_block_headings_leave_the_text() {
        let text = "First paragraph of the story.\n\u{200d}\n \u{200b}\u{feff} \n14 March 2024\nDec 11, 2025 Share\n입력 2024.06.28 17:18 수정 2024.06.28 18:02\n23:10\nShare your story by 5 May 2024\n  Workers inspect   panels. (TASS/Yonhap)\nSecond paragraph.\nBy Park Ji-won, staff reporter\nPlease direct questions or comments to [english@gazette.example]\n< Back to top\nBook now\nRelated stories\nMost viewed articles";
        let body = clean(text, &["Workers inspect panels. (TASS/Yonhap)".to_string()]);
        assert_eq!(
            body.text,
            "First paragraph of the story.\n\nShare your story by 5 May 2024\n\nSecond paragraph."
        );
        assert_eq!(body.bylines, ["By Park Ji-won, staff reporter"]);
        assert_eq!(body.removed.len(), 11);
    }

    #[test]
    fn newsletter_boxes_and_ad_labels_leave_the_text() {
        let gone = [
            "By signing up, you agree to receive recurring automated SMS marketing messages from Mashable Deals at the number provided. Msg and data rates may apply.",
            "By entering your email address you agree to our Terms of Use and Privacy Policy and consent to receive emails from Time Out.",
            "By clicking Subscribe, I agree to the Terms and the Privacy Policy.",
            "Thanks for subscribing! Look out for your first newsletter in your inbox soon!",
            "Thank you for signing up.",
            "Enter your email to subscribe to more information about marketing.",
            "Email address*",
            "Invalid email address",
            "Oops, something went wrong. Please try again later.",
            "Advertisement",
            "Sponsored",
            "Article continues below",
            "Story continues after this ad",
            "Scroll to continue reading",
            // A paywall's notice.
            "This article is exclusive to STAT+ subscribers",
            "To read the rest of this story subscribe to STAT+.",
            "Already have an account? Log in",
            "Already a subscriber? Sign in",
            "Unlock this article — plus in-depth analysis, newsletters, premium events, and news alerts.",
            "View All Plans",
            "Subscribe now to keep reading and get access to the full archive.",
            "You have reached your limit of free articles this month.",
            "Dieser Artikel ist nur für Abonnenten verfügbar.",
            "Dieser Artikel ist exklusiv für SZ Plus-Abonnenten.",
            "Jetzt weiterlesen mit SZ Plus",
            "Cet article est réservé aux abonnés.",
            "Il vous reste 80% de cet article à lire.",
            "Este contenido es exclusivo para suscriptores.",
            "Questo articolo è riservato agli abbonati.",
            // Shopping labels.
            "Check Price at Amazon $399 List",
            "Now 20% Off",
            // Credits, counters and empty widgets standing alone.
            "Photo: Ben Hasty/Getty Images",
            "Image credit: © Depositphotos.com/AndrewLozovyi",
            "Credit: Apple",
            // Photo credits and ad labels in other languages.
            "Foto: picture alliance/dpa",
            "Photo : AFP",
            "Фото: РИА Новости",
            "Zdjęcie: PAP",
            "Anzeige",
            "Publicité",
            "Реклама",
            "광고",
            "Teilen",
            "Bagikan",
            "Lire la suite",
            "Читать далее",
            "Zurück nach oben",
            "Schlagworte: Politik, Steuern",
            "Mots-clés : politique",
            "Courtesy of brand",
            "1,693 views",
            "No posts",
            "Share",
            "Leave a comment",
            // Reading times, and contents labels over nothing.
            "3 MIN. READ",
            "6 min read",
            "Reading Time: 8 minutes",
            "In this article",
            "On this page",
            // Agency credits, labels, appeals and subscription boxes.
            "FatCamera/Getty Images",
            "Jane Doe/AP",
            "Photo by John Smith via Getty Images",
            "Last Updated",
            "Press Release",
            "Tags: Helena, smart thermostat",
            "Category: Personal Finance 101",
            "Posted by David at December 16, 2025 11:15 AM",
            "Posted On",
            "Home",
            "See All",
            "Posted on December 18, 2025 Posted by 59 Comments",
            "If you're enjoying this article, consider supporting our award-winning journalism by subscribing.",
            "Discover more from Tiny House Giant Journey",
            "Subscribe to get the latest posts sent to your email.",
            // Appeals to sign up for a newsletter.
            "Love movies? Live for TV? The Watch Party newsletter has all the best recommendations, delivered right to your inbox. Sign up now and be one of the cool kids.",
            "Want more from the shopping desk? Sign up for our newsletter and shop smarter.",
            "\u{1F680} Sign up for The Replay newsletter",
            "Join our mailing list! Get a newsletter when an episode is published.",
            "Was this newsletter forwarded to you? Sign up to get it in your inbox.",
            "Join Our Newsletter",
            "Abonnez-vous à notre newsletter",
            "Suscríbete a nuestro boletín",
            "Jetzt Newsletter abonnieren!",
            "Подпишитесь на нашу рассылку",
        ];
        let kept = [
            "Already a subscriber? View your reports here →",
            "This article is exclusive reporting by our investigations team.",
            "Now 20% off its list price, the bike sold out in a day.",
            "Share prices fell on Tuesday.",
            "Courtesy of the city's archive, the photographs were restored over three years by volunteers.",
            "Credit: the council's budget, which the mayor signed, pays for the repairs and the new harbour wall.",
            "To read the rest of the report, the committee had to wait until May.",
            "By signing the treaty, the two countries agreed to cut tariffs.",
            "By providing customers with relevant deals, businesses can improve customer loyalty.",
            "By clicking through the settings, you accept a slower start but gain control.",
            "Something went wrong at the plant on Tuesday, the operator said.",
            "Sponsored content is labelled on this site, the editors say.",
            "6 min read the record; the jury took longer.",
            "In this article we look at the harbour's cost.",
            "Readers/AP style guides differ on this point, the editor said.",
            "Published by Hooded Horse and released in May 2025, the game merges strategy with building.",
            "Tagging: the council's new system labels every file.",
            "Home is where the harbour is, the mayor said.",
            "Posted on the statistics society's community forum on 2025-07-09:",
            "Last updated in 1998, the harbour's charter needs a new look.",
            "If you're enjoying this article, tell a friend about the harbour.",
            "Discover more from the council's archive in the town library, which opens on Monday.",
            "Follow relevant news sources, subscribe to industry newsletters, and watch the market.",
            "Readers can sign up for the council's newsletter at the town hall.",
            "Join the protest, the union's newsletter urged its members on Monday.",
            "The newsletter asked readers to sign up before May.",
            "Anzeigen sind teuer, sagt der Verleger.",
            "Dieser Artikel ist für Kinder geschrieben und erklärt die Wahl.",
            "Teilen Sie uns Ihre Meinung mit, schrieb der Minister.",
            "Der Newsletter der Partei rief am Dienstag dazu auf, sich anzumelden.",
            "Foto: Der Kanzler sprach am Dienstag vor dem Bundestag über die Lage der Nation und den Haushalt.",
        ];
        let text = gone
            .iter()
            .chain(&kept)
            .copied()
            .collect::<Vec<_>>()
            .join("\n");
        let body = clean(&text, &[]);
        assert_eq!(body.text, kept.join("\n\n"));
        assert_eq!(body.removed.len(), gone.len());
    }

    #[test]
    fn an_author_box_label_or_recent_posts_at_the_end_end_the_article() {
        let para = |n: usize| {
            format!("Paragraph {n} of the article tells the story at some length, as articles do.")
        };
        let article: Vec<String> = (1..=8).map(para).collect();
        for tail in [
            &[
                "Written by",
                "Chief Business Editor",
                "Expert digital communicator.",
            ][..],
            &["About the Author", "Jane writes about harbours."][..],
            &["Recent Posts", "How the harbour was built"][..],
        ] {
            let text = [
                &article[..],
                &tail.iter().map(|t| t.to_string()).collect::<Vec<_>>()[..],
            ]
            .concat()
            .join("\n");
            assert_eq!(clean(&text, &[]).text, article.join("\n\n"), "{tail:?}");
        }
        // Early in the text, the label is the article's own.
        let mut early = article.clone();
        early.insert(2, "Written by".to_string());
        assert_eq!(clean(&early.join("\n"), &[]).text, early.join("\n\n"));
    }

    #[test]
    fn an_appeal_to_readers_at_the_end_ends_the_article() {
        let article = [
            "The council voted on Tuesday to approve the harbour plan after a long debate over its cost and the jobs it would bring to the town.",
            "Opponents said they would take the decision to court, and a second vote on the budget is due in May, when the new members take their seats.",
            "The plan's cost has doubled since it was first put to the council, and the harbour master has warned that the old quay will not last another winter.",
            "If you value local reporting, the mayor said, read the minutes yourself.",
            "The minutes run to three hundred pages, and the clerk said the full record of the debate would be online by the end of the month for anyone who asks.",
        ];
        let appeal = [
            "Since you made it to the bottom of this article, we have a small favor to ask.",
            "Thank you.",
            "Liz Willen",
            "Republish our articles for free, online or in print.",
        ];
        let text = article
            .iter()
            .chain(&appeal)
            .copied()
            .collect::<Vec<_>>()
            .join("\n");
        let body = clean(&text, &[]);
        assert_eq!(body.text, article.join("\n\n"));
        // Early in the text it is the article's own line.
        let early = [&appeal[..1], &article[..]].concat().join("\n");
        assert_eq!(clean(&early, &[]).text, early.replace('\n', "\n\n"));
        // A copyright notice, a disclaimer, a caption toggle.
        let closing = [
            "Show Caption",
            "Copyright © 2025 WABC-TV. All Rights Reserved.",
            "The views expressed by the authors of this blog are their own.",
        ];
        let text = article
            .iter()
            .chain(&closing)
            .copied()
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(clean(&text, &[]).text, article.join("\n\n"));
        // Copyright notices of sites in other languages.
        for notice in [
            "© Le Monde 2020 – Tous droits réservés",
            "Alle Rechte vorbehalten.",
            "Riproduzione riservata ©",
            "© 2020 РИА Новости. Все права защищены.",
        ] {
            let text = [&article[..], &[notice]].concat().join("\n");
            assert_eq!(clean(&text, &[]).text, article.join("\n\n"), "{notice}");
        }
        // Look-alikes in an article's own last lines stay.
        let own = [
            "If you value this feature, turn it on in the settings.",
            "A message from the mayor:",
            "Support grows for the plan!",
        ];
        let text = article
            .iter()
            .chain(&own)
            .copied()
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(clean(&text, &[]).text, text.replace('\n', "\n\n"));
        // A note followed by more text than a note has is quoted by the
        // article (here in its last fifth, with 2,200 bytes after it).
        let long = article.repeat(16);
        let log = "Loading Initial Program Loader, booting from the primary path.".repeat(35);
        let quoted = [
            &long[..],
            &["(c) Copyright 1990-1994, Hewlett-Packard Company.", &log],
        ]
        .concat();
        assert_eq!(clean(&quoted.join("\n"), &[]).text, quoted.join("\n\n"));
    }

    #[test]
    fn disclosures_and_tables_of_contents_leave_the_text() {
        let text = [
            "This post contains affiliate links. Click here to read my full disclosure.",
            "Disclosure: As an Affiliate Marketer, I earn from qualifying purchases.",
            "Jump to:",
            "Bold Color Mixes",
            "Mismatched Glassware",
            "Hosts are going bolder this year, the planners say.",
            "Bold Color Mixes",
            "Clashing colours are in, and the tables show it.",
            "Mismatched Glassware",
            "No two glasses alike.",
            "Affiliate programs: streamers earn a commission when viewers buy games.",
            "Disclosure: this article was written by a human.",
            "Jump to:",
            "A label over nothing the text repeats stays.",
            "Previous Post",
            "Next article",
            "Also read: Meta chief AI scientist thinks LLMs are a waste of time",
            "Related: Students aren’t benefiting much from tutoring, one new study shows",
            "Related stories are those a reader may want next.",
        ]
        .join("\n");
        let body = clean(&text, &[]);
        assert_eq!(
            body.text.split("\n\n").collect::<Vec<_>>(),
            [
                "Hosts are going bolder this year, the planners say.",
                "Bold Color Mixes",
                "Clashing colours are in, and the tables show it.",
                "Mismatched Glassware",
                "No two glasses alike.",
                "Affiliate programs: streamers earn a commission when viewers buy games.",
                "Disclosure: this article was written by a human.",
                "Jump to:",
                "A label over nothing the text repeats stays.",
                "Related stories are those a reader may want next.",
            ]
        );
    }

    /// The commerce desks' sentence leaves the text wherever it stands; the
    /// same words about someone else's earnings stay.
    #[test]
    fn commerce_disclosures_leave_the_text() {
        let article = "The lamp's warm light suits a reading corner, and its dimmer goes low enough for a nursery at night.";
        let text = [
            "While each product featured is independently selected by our editors, we may include paid promotion. If you buy something through our links, we may earn commission.",
            article,
            "Our editors and experts handpick every product we feature. We may earn a commission from your purchases.",
            "PCMag editors select and review products independently. If you buy through affiliate links, we may earn commissions, which help support our testing.",
            "Sellers who list through the marketplace pay the platform a commission on each sale.",
        ]
        .join("\n");
        assert_eq!(
            clean(&text, &[]).text,
            [
                article,
                "Sellers who list through the marketplace pay the platform a commission on each sale."
            ]
            .join("\n\n")
        );
    }

    /// A box's heading leaves with the appeal under it; a short line that
    /// ends a list of links, or that an ad label follows, stays.
    #[test]
    fn an_appeals_heading_leaves_with_it() {
        let long = "Bees can count, learn by watching one another and even play with small wooden balls, researchers in London found.";
        let appeal = "If you're enjoying this article, consider supporting our award-winning journalism by subscribing.";
        let text = [long, "On supporting science journalism", appeal, long].join("\n");
        assert_eq!(clean(&text, &[]).text, [long, long].join("\n\n"));
        let text = [
            long,
            "Travel hacks for Europe",
            "How to stay healthy while travelling",
            appeal,
        ]
        .join("\n");
        assert_eq!(
            clean(&text, &[]).text,
            [
                long,
                "Travel hacks for Europe",
                "How to stay healthy while travelling"
            ]
            .join("\n\n")
        );
        let text = [long, "Why bees matter", "Advertisement", long].join("\n");
        assert_eq!(
            clean(&text, &[]).text,
            [long, "Why bees matter", long].join("\n\n")
        );
    }

    #[test]
    fn a_table_of_contents_under_its_own_name_leaves_with_its_entries() {
        let text = [
            "Table of Contents",
            "Why it matters",
            "What comes next",
            "Why it matters",
            "The council voted on Tuesday.",
            "What comes next",
            "A second vote is due in May.",
            "Contents",
            "A lone label is boilerplate and goes too.",
        ]
        .join("\n");
        assert_eq!(
            clean(&text, &[]).text.split("\n\n").collect::<Vec<_>>(),
            [
                "Why it matters",
                "The council voted on Tuesday.",
                "What comes next",
                "A second vote is due in May.",
                "A lone label is boilerplate and goes too.",
            ]
        );
    }

    #[test]
    fn lists_of_other_articles_leave_the_text() {
        let para = |n: usize| {
            format!("Paragraph {n} of the article tells the story at some length, as articles do.")
        };
        // A card inside the article: its heading and title go, the
        // article goes on.
        let mut lines = vec![
            para(1),
            para(2),
            "Related posts".to_string(),
            "How the harbour was built".to_string(),
        ];
        lines.extend((3..=9).map(para));
        // At the end, the heading ends the article: teasers with full
        // sentences go too.
        lines.extend([
            "You might also like:".to_string(),
            "The bridge vote".to_string(),
            "The council met again on Tuesday.".to_string(),
        ]);
        let body = clean(&lines.join("\n"), &[]);
        let want: Vec<String> = (1..=9).map(para).collect();
        assert_eq!(body.text, want.join("\n\n"));
        assert_eq!(body.removed.len(), 5, "{:?}", body.removed);
        // Headings of other articles only: the words alone, not a sentence
        // that uses them, and not a bare "Related".
        let text = format!("{}\nRelated\nSee also the council's own report on the vote, which was published on Monday.\n{}", para(1), para(2));
        assert_eq!(clean(&text, &[]).text.split("\n\n").count(), 4);
    }

    /// The same in the languages whose news sites set them most: a link to
    /// another story between paragraphs goes, a list heading in the last
    /// fifth ends the article, and sentences using the words stay.
    #[test]
    fn links_and_lists_of_other_articles_leave_the_text_in_other_languages() {
        let para = |n: usize| {
            format!("Paragraf {n} dari berita ini menceritakan kejadian itu dengan panjang, seperti berita lainnya.")
        };
        for link in [
            "Baca juga: Harga beras naik lagi di pasar induk",
            "Lesen Sie auch: Der Hafen wird erweitert",
            "À lire aussi : le port s'agrandit",
            "Leia também: O porto será ampliado",
            "Читайте также: Порт расширят",
            "اقرأ أيضا: توسيع الميناء",
            "관련기사: 항구 확장 승인",
            "関連記事：港の拡張が決定",
            "相关阅读：港口扩建获批",
        ] {
            let text = format!("{}\n{link}\n{}", para(1), para(2));
            assert_eq!(
                clean(&text, &[]).text,
                format!("{}\n\n{}", para(1), para(2)),
                "{link}"
            );
        }
        for heading in [
            "Berita Terkait",
            "Weitere Artikel",
            "Sur le même sujet",
            "Noticias relacionadas",
            "Mais lidas",
            "Najczęściej czytane",
            "Похожие новости",
            "İlgili Haberler",
            "Tin liên quan",
            "مقالات ذات صلة",
            "많이 본 기사",
            "関連記事",
            "相关新闻",
        ] {
            let mut lines: Vec<String> = (1..=9).map(para).collect();
            lines.extend([heading.to_string(), "Harga beras naik lagi".to_string()]);
            let want: Vec<String> = (1..=9).map(para).collect();
            assert_eq!(
                clean(&lines.join("\n"), &[]).text,
                want.join("\n\n"),
                "{heading}"
            );
        }
        // A "read also" label standing alone near the end ends nothing.
        let mut lines: Vec<String> = (1..=9).map(para).collect();
        lines.extend([
            "Baca juga:".to_string(),
            "Harga beras naik lagi".to_string(),
            para(10),
        ]);
        assert!(clean(&lines.join("\n"), &[]).text.ends_with(&para(10)));
        // Sentences that use the words stay.
        let text = format!("{}\nBaca juga laporan lengkapnya di situs kementerian yang dirilis pada hari Senin kemarin.\n{}", para(1), para(2));
        assert_eq!(clean(&text, &[]).text.split("\n\n").count(), 3);
    }

    #[test]
    fn article_sentences_that_merely_mention_things_stay() {
        let text = "By the time the council met, the plan had changed.\nShe said the related stories were wrong; write to the editor at desk@paper.example if you disagree with this long paragraph that goes on and on and on and on and on and on and on and on and on and on and on and on and on and on and on and on and on.";
        let body = clean(text, &[]);
        assert_eq!(body.text.split("\n\n").count(), 2, "{}", body.text);
        assert!(body.bylines.is_empty());
    }
}

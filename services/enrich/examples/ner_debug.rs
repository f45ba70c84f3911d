//! Shows what the named-entity tagger makes of text: each line of stdin is
//! cut into sentences and printed with every name word's label and
//! probability (`Tesla/B-ORG:0.86`).
//!
//! ```text
//! echo "Shares of Tesla closed lower in New York." | cargo run --release -p newsflow-enrich --example ner_debug
//! ```

fn main() -> Result<(), Box<dyn std::error::Error>> {
    for line in std::io::stdin().lines() {
        let line = line?;
        for sentence in newsflow_enrich::ner::tokens::sentences(&line) {
            let words: Vec<&str> = sentence.iter().map(|t| &line[t.start..t.end]).collect();
            let tagged = newsflow_enrich::ner::tag(&words)?;
            let shown: Vec<String> = words
                .iter()
                .zip(&tagged)
                .map(|(w, (label, p))| match *label {
                    "O" => w.to_string(),
                    _ => format!("{w}/{label}:{p:.2}"),
                })
                .collect();
            println!("{}", shown.join(" "));
        }
    }
    Ok(())
}

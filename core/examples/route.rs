//! Routes one enquiry on a rule set folder and prints the decision as JSON.
//!
//! `cargo run -p kommunlots --example route -- rules/klippan "Var är snöröjningen?"`

use kommunlots::{Enquiry, Router};

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(text)) = (args.next(), args.next()) else {
        eprintln!("usage: route RULES_DIR TEXT");
        std::process::exit(2);
    };
    match Router::from_dir(&dir) {
        Ok(router) => {
            let decision = router.route(&Enquiry::text(text));
            match serde_json::to_string_pretty(&decision) {
                Ok(json) => println!("{json}"),
                Err(e) => eprintln!("{e}"),
            }
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(65);
        }
    }
}

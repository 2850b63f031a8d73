//! `readcast serve`: serve the show folder over HTTP so a podcast app on the same network can
//! subscribe. Prints the feed's URL (and a QR code of it, for a phone's camera), says when the
//! show's `base_url` points elsewhere (the feed's enclosures would not lead here), and runs
//! until Ctrl-C.

use std::io::Write;

use crate::cli::{Cli, ServeArgs};
use crate::error::Error;
use crate::publish::FEED_FILE;
use crate::serve::{bind, reachable_addr, serve};

pub fn run(cli: &Cli, args: &ServeArgs) -> Result<(), Error> {
    let mut config = crate::cli::base_config(cli)?;
    crate::config::set(&mut config.out_dir, args.out.clone());
    let listener = bind(&args.addr)?;
    let bound = listener.local_addr().map_err(Error::output(&config.out_dir))?;
    let base = format!("http://{}/", reachable_addr(bound));
    let feed_url = format!("{base}{FEED_FILE}");
    // Written, not println!: a reader that closes early (`readcast serve | head -1`) must not
    // stop the server.
    let mut stdout = std::io::stdout();
    let _ = writeln!(stdout, "{feed_url}");
    if !cli.quiet {
        let _ = writeln!(stdout, "{}", qr_code(&feed_url));
    }
    let _ = stdout.flush();
    eprintln!("readcast: serving {} at {base} (Ctrl-C stops)", config.out_dir.display());
    if !config.out_dir.join(FEED_FILE).is_file() {
        eprintln!(
            "readcast: note: {} has no {FEED_FILE} yet: readcast feed or readcast sync writes it",
            config.out_dir.display()
        );
    }
    match config.show.base_url.as_deref() {
        Some(url) if url.trim_end_matches('/') == base.trim_end_matches('/') => {}
        Some(url) => eprintln!(
            "readcast: note: the show's base_url is {url}, so the feed's episodes point there, not here; \
             to listen from this server set base_url = \"{base}\" in [show] of readcast.toml (or --base-url) and run readcast feed"
        ),
        None => eprintln!(
            "readcast: note: the show has no base_url; set base_url = \"{base}\" in [show] and run readcast feed"
        ),
    }
    serve(listener, &config.out_dir)?;
    eprintln!("readcast: stopped serving");
    Ok(())
}

/// The URL as a QR code for the terminal (two rows of modules per line of text), light on
/// dark as a terminal shows it.
fn qr_code(url: &str) -> String {
    match qrcode::QrCode::new(url.as_bytes()) {
        Ok(code) => code
            .render::<qrcode::render::unicode::Dense1x2>()
            .dark_color(qrcode::render::unicode::Dense1x2::Light)
            .light_color(qrcode::render::unicode::Dense1x2::Dark)
            .build(),
        Err(e) => format!("(no QR code for {url}: {e})"),
    }
}

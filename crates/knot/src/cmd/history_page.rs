//! `knot history --limit N --newest --after CURSOR`: one page of the current diary entries, and
//! while more follow, the command that reads the next page, on stderr as
//! `More: knot history … --after CURSOR` (the cursor last), so stdout holds only the page.
//! With `--json` the cursor is the object's `"next"` (null on the last page) instead.

use knot_app::{AppError, DiaryPageRequest, EntryPage, PageOrder, DEFAULT_PAGE};

use crate::cmd::db::{app_failure, block_on, Db};
use crate::cmd::history::{json_rows, print_json, HistoryArgs};
use crate::cmd::history_table;
use crate::failure::{bad_input, Failure};

/// The page the flags ask for, or `None` when they ask for the whole list.
pub fn requested(args: &HistoryArgs) -> Option<DiaryPageRequest> {
    if args.limit.is_none() && !args.newest && args.after.is_none() {
        return None;
    }
    Some(DiaryPageRequest {
        limit: args.limit.unwrap_or(DEFAULT_PAGE),
        order: if args.newest {
            PageOrder::Newest
        } else {
            PageOrder::Oldest
        },
        after: args.after.clone(),
    })
}

/// Prints the page and, while more follow, how to read the next.
pub fn run(request: &DiaryPageRequest, json: bool, db: &Db) -> Result<(), Failure> {
    let page = block_on(async {
        let opened = db.open().await?;
        opened
            .app
            .diary_page(&opened.ctx, request)
            .await
            .map_err(|error| refused(error, request))
    })?;
    let next = page.next.map(|cursor| cursor.to_string());
    if json {
        let rows = json_rows(&page.entries);
        return print_json(&serde_json::json!({ "entries": rows, "next": next }));
    }
    print_table(&page, request);
    if let Some(next) = next {
        eprintln!("{}", continuation(request, &next));
    }
    Ok(())
}

/// The refusal in the app's words, and where a cursor comes from on the command line, whose
/// pages print it in a `More:` line rather than as `next`.
fn refused(error: AppError, request: &DiaryPageRequest) -> Failure {
    match app_failure(error) {
        Failure::BadInput(message) if request.after.is_some() => bad_input(format!(
            "{message}. On the command line the cursor for --after is the last word of the \
             `More:` line a page printed (with --json, its \"next\")"
        )),
        other => other,
    }
}

fn print_table(page: &EntryPage, request: &DiaryPageRequest) {
    if !page.entries.is_empty() {
        print!("{}", history_table::render(&page.entries, false));
    } else if request.after.is_some() {
        println!("No entries after this cursor: the page before was the last.");
    } else {
        println!("{}", history_table::empty_message(false));
    }
}

/// The command for the page after `next`, with the same size and order.
fn continuation(request: &DiaryPageRequest, next: &str) -> String {
    let newest = match request.order {
        PageOrder::Newest => " --newest",
        PageOrder::Oldest => "",
    };
    format!(
        "More: knot history{newest} --limit {} --after {next}",
        request.limit
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_continuation_keeps_size_and_order_and_ends_with_the_cursor() {
        let request = DiaryPageRequest {
            limit: 20,
            order: PageOrder::Newest,
            after: None,
        };
        assert_eq!(
            continuation(&request, "k1_1_0_7"),
            "More: knot history --newest --limit 20 --after k1_1_0_7"
        );
    }
}

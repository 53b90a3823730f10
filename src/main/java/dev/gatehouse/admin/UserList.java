package dev.gatehouse.admin;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of the accounts that match, and how many match in all. */
public record UserList(List<AccountView> items, @Schema(description = "Matching accounts on every page") long total) {
}

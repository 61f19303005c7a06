// Placeholder: implemented in this change.

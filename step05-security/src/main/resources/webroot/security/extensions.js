// What a later lab adds to this page. Lab 5 adds nothing: the page is all security.js's.
// A later lab keeps this page as it is and puts a file of this name in its own folder, which comes
// first (Lab 6 loads the Nodes panel of the admin's view from there), instead of a copy of the page.

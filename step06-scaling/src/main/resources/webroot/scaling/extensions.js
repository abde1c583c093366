// Lab 6's addition to Lab 5's page, which it keeps as it is: the Nodes panel of the admin's
// operations view (nodes.js).
import './nodes.js';

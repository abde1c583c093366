// Lab 6's additions to Lab 5's page, which it keeps as it is: the Nodes panel of the admin's
// operations view (nodes.js), and the last hour from the record on each patient's trend (history.js).
import './nodes.js';
import './history.js';

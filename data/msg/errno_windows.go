package msg

// osCodes are the error numbers of the system the program runs on.
var osCodes = windowsCodes

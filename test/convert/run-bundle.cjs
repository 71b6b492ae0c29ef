// Loads the bundle named on the command line, the way Forge's runtime loads an
// app's bundle from its own entry script. Run from the repository, where
// node_modules holds isolated-vm, the bundle must still settle on QuickJS.
require(process.argv[2]);

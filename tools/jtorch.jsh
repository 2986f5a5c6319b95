// JShell startup for `./jtorch shell` (after JShell's DEFAULT imports: java.util.*, java.util.stream.*, java.nio.file.*, ...)
import jtorch.tensor.*;
import jtorch.backend.*;
import jtorch.nn.*;
import jtorch.nn.Module;            // a single-type import shadows java.lang.Module, which jtorch.nn.* alone cannot
import jtorch.nn.activation.*;
import jtorch.nn.criterion.*;
import jtorch.nn.distance.*;
import jtorch.nn.layer.*;
import jtorch.nn.reduce.*;
import jtorch.nn.table.*;
import jtorch.optim.*;
import jtorch.data.*;
import jtorch.io.*;
import jtorch.train.*;
import jtorch.autograd.*;

package jtorch.nn.layer;

import jtorch.nn.ModuleType;
import jtorch.nn.TensorModule;
import jtorch.nn.Module;
import jtorch.tensor.Activity;

/**
 * y = x for any input, tensor or table (the output <em>is</em> the input object, as in Torch7).
 * Backward: ∂L/∂x = gradOutput (the same object).
 */
public class Identity extends Module implements TensorModule {
    public static final ModuleType<Identity> TYPE = ModuleType.of("Identity", Identity.class, Identity::new);

    @Override public Identity clone() { return (Identity) super.clone(); }

    @Override public Activity updateOutput(Activity input) { return input; }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) { return gradOutput; }
}

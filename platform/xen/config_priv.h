/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The guest configuration's boot steps (config.c), called by boot.c only:
 * load and check it before the constructors, then see that the layers
 * above applied what it asks, and hand main() its arguments. boot.c ends
 * the guest on a refusal (config_fail).
 */
#ifndef RUMPXEN_CONFIG_PRIV_H
#define RUMPXEN_CONFIG_PRIV_H

/*
 * Reads the xenstore key rumpxen/config (JSON) if it exists, then the
 * command line's short form; checks that every named vif and vbd exists.
 * Returns 0, or -1 with "KEY: what is wrong" in err (errsize bytes) for a
 * refused configuration. Thread context, after xs_init.
 */
int config_load(char *err, size_t errsize);

/* Returns -1 with a message in err if a network or disk setting has nobody
 * to apply it in this image, else 0. After the boot stages. */
int config_check_applied(char *err, size_t errsize);

/* main()'s arguments. */
char **config_args(int *argc);

#endif

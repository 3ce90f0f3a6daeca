/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * tls.c with a lone initialised __thread int: a TLS segment of 4 bytes,
 * aligned to 4, which a layout rounded to 16 places wrongly.
 */
#define TLS_LONE_INT 1
#include "tls.c"

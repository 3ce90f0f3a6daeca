/* SPDX-License-Identifier: BSD-2-Clause */
/* The old name of <poll.h>. */
#include <poll.h>

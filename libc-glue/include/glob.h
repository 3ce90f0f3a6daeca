/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * newlib's <glob.h> (4.4BSD's) plus the POSIX error values it lacks
 * (GLOB_ABORTED is GLOB_ABEND). newlib has no glob(): libc-glue/
 * posix_ids.c's matches literal paths only.
 */
#ifndef LIBC_GLUE_GLOB_H
#define LIBC_GLUE_GLOB_H

#include_next <glob.h>

#ifndef GLOB_ABORTED
#define GLOB_ABORTED GLOB_ABEND
#endif
#ifndef GLOB_NOMATCH
#define GLOB_NOMATCH (-3)
#endif
#ifndef GLOB_NOSYS
#define GLOB_NOSYS (-4)
#endif

#endif

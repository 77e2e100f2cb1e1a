// Turns a record into the ruled table of a printed 绩效自评表.
#pragma once

#include "form_style.h"
#include "kpiform/schema/record.h"
#include "table.h"

namespace kpiform::samples {

// Draws one form (title, year line, table) into the document's flow.
void draw_form(Document& document, const schema::Record& record, const FormStyle& style);

}  // namespace kpiform::samples

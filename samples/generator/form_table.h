// Draws a form into a document: the record's cells in a style's wording, or
// a printed form as a producer's template lays it out.
#pragma once

#include "form_style.h"
#include "kpiform/schema/record.h"
#include "printed_form.h"
#include "table.h"

namespace kpiform::samples {

// How forms follow each other in a document, and the title's sizes.
struct FormFlow {
  bool new_page_per_form = true;
  double title_size = 16;  // points
  double year_size = 9.5;  // points
};

// Draws one form (title, year line, table) into the document's flow.
void draw_form(Document& document, const PrintedForm& form, const TableLook& look,
               const FormFlow& flow);

// The same for a record in one of the built-in styles.
void draw_form(Document& document, const schema::Record& record, const FormStyle& style);

}  // namespace kpiform::samples

package dev.hangar.adapter.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hangar.domain.build.Tag;
import dev.hangar.domain.build.Tags;
import java.util.List;
import org.junit.jupiter.api.Test;

class TagTextTest {
  @Test
  void roundTrip_anyCharactersInOrder() {
    Tags tags = Tags.of(List.of(new Tag("b:2", "x:y:z"), new Tag("a", ""), new Tag("ünï", "10:fake")));
    String text = TagText.write(tags);
    assertThat(TagText.read(text).asList()).containsExactlyElementsOf(tags.asList());
  }

  @Test
  void none_emptyText() {
    assertThat(TagText.write(Tags.NONE)).isEmpty();
    assertThat(TagText.read("")).isEqualTo(Tags.NONE);
  }
}

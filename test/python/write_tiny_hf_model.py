"""Writes a tiny random-weight Hugging Face model folder: usage `python write_tiny_hf_model.py DIR`.

A 2-layer Llama with grouped-query attention (4 query heads sharing 2 key/value heads), a word-level
tokenizer of a few hundred words and a chat template, saved by transformers itself with
save_pretrained, so the folder is exactly what `transformers serve` loads. Its weights are random
(seeded): it really loads and generates, and its answers are gibberish. About 400 KB.
"""

import sys

import torch
from tokenizers import Tokenizer, decoders, models, pre_tokenizers
from transformers import GenerationConfig, LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

SPECIAL = ["<unk>", "<s>", "</s>", "<|system|>", "<|user|>", "<|assistant|>"]
WORDS = """
the a an and or but of to in on at for with by from up down out over under again hello hi yes no
say tell me you we they it is are was were be been have has had do does did can could will would
should may might must not this that these those here there when where why how what who which all
any both each few more most other some such only own same so than too very just now one two three
four five six seven eight nine ten red green blue cat dog bird fish tree sun moon star day night
good bad big small new old first last long great little right left high low early late young
. , ! ?
""".split()

# Role markers are special tokens, so the template's `<|user|>` is one token, not three words.
CHAT_TEMPLATE = (
    "{% for message in messages %}<|{{ message['role'] }}|> {{ message['content'] }} </s> {% endfor %}"
    "{% if add_generation_prompt %}<|assistant|> {% endif %}"
)


def tokenizer() -> PreTrainedTokenizerFast:
    vocab = {token: index for index, token in enumerate(SPECIAL + WORDS)}
    words = Tokenizer(models.WordLevel(vocab=vocab, unk_token="<unk>"))
    words.pre_tokenizer = pre_tokenizers.Whitespace()
    words.decoder = decoders.WordPiece()  # joins words with spaces, and punctuation without
    return PreTrainedTokenizerFast(
        tokenizer_object=words,
        unk_token="<unk>",
        bos_token="<s>",
        eos_token="</s>",
        additional_special_tokens=SPECIAL[3:],
        chat_template=CHAT_TEMPLATE,
    )


def model(vocab_size: int) -> LlamaForCausalLM:
    torch.manual_seed(0)
    config = LlamaConfig(
        vocab_size=vocab_size,
        hidden_size=64,
        intermediate_size=128,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        max_position_embeddings=512,
        bos_token_id=1,
        eos_token_id=2,
        tie_word_embeddings=False,
    )
    llama = LlamaForCausalLM(config)
    llama.generation_config = GenerationConfig(bos_token_id=1, eos_token_id=2, max_new_tokens=16)
    return llama


def main(folder: str) -> None:
    words = tokenizer()
    model(len(words)).save_pretrained(folder)
    words.save_pretrained(folder)


if __name__ == "__main__":
    main(sys.argv[1])
